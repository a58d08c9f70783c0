using Microsoft.EntityFrameworkCore;
using Locality.Application.Conversations;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests;

/// <summary>The real web host on a real port (see <see cref="HostFactory{TEntryPoint}"/>), with cookie sign-in through its own form.</summary>
public class WebFactory : HostFactory<Program>
{
    public WebFactory()
    {
    }

    /// <summary>Another instance of the web host over a database of the test's own (one it may stop and start).</summary>
    protected WebFactory(TestDatabase shared)
        : base(shared)
    {
    }

    public static WebFactory Over(TestDatabase database) => new(database);

    /// <summary>Runs the daily conversation check as the scheduler would.</summary>
    /// <summary>Runs the demand imports waiting (as the job server would), oldest first.</summary>
    public async Task RunDemandImportsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Locality.Infrastructure.Persistence.LocalityDbContext>();
        var waiting = await db.DemandImports.Where(i => i.Status == Domain.Demand.ImportStatus.Waiting).OrderBy(i => i.SubmittedAt).Select(i => i.Id).ToListAsync();
        foreach (var id in waiting)
        {
            await Services.GetRequiredService<DemandImportJob>().RunAsync(id.Value, CancellationToken.None);
        }
    }

    public Task<ReconcileResult> RunDailyCheckAsync() => Services.GetRequiredService<ConversationStateJob>().RunAsync(CancellationToken.None);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public FormClient NewClient() =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = BaseAddress });

    public async Task<FormClient> SignedInClientAsync(string role, AgencyKind kind = AgencyKind.Council) =>
        (await SignedInAccountAsync(role, kind)).Client;

    /// <summary>A client signed in as a new staff member holding the role (in a team of their own, or the one given), and who they are.</summary>
    public async Task<(FormClient Client, StaffAccount Account)> SignedInAccountAsync(string role, AgencyKind kind = AgencyKind.Council, TeamId? inTeam = null)
    {
        var account = await CreateAccountAsync(role, kind, inTeam);
        var client = NewClient();
        await SignInAsync(client, account.Email, account.Password);
        return (client, account);
    }

    /// <summary>Signs the client in through the real two steps: the email and password, then a fresh authenticator code.</summary>
    public async Task SignInAsync(FormClient client, string email, string password)
    {
        var first = await client.SubmitAsync("/sign-in", new() { ["Email"] = email, ["Password"] = password });
        if (first.Response.Headers.Location?.ToString() != "/sign-in/second-factor")
        {
            throw new InvalidOperationException($"Signing in as {email} failed at the password: {(int)first.Response.StatusCode} {first.Heading}");
        }

        var second = await client.SubmitAsync("/sign-in/second-factor", new() { ["Code"] = await NextCodeAsync(email) });
        if (second.Response.Headers.Location?.ToString() != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} failed at the code: {(int)second.Response.StatusCode} {second.Heading}");
        }
    }
}
