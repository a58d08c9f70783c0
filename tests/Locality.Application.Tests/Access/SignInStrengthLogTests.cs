using Locality.Application.Access;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Application.Tests.People;
using Locality.Domain.Access;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Access;

/// <summary>The access log and the audit say how each reader signed in, in words.</summary>
public sealed class SignInStrengthLogTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task TheAccessLog_SaysHowEachReaderSignedIn_AndOlderRowsSayNotRecorded()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var lead = await app.CreateWorkerInTeamOfAsync(teamLead);
        var person = await PeopleMaker.AddAsync(app, lead);
        var throughProvider = lead with { SignIn = new SignInStrength(SignInMethod.Provider, "Northshire Council", false, null) };
        var unrecorded = lead with { SignIn = null };
        await app.SendAsync(new GetPersonPage(person.Id), throughProvider);
        await app.SendAsync(new GetPersonPage(person.Id), unrecorded);

        var log = await app.SendAsync(new GetPersonAccessLog(person.Id), lead);

        var words = log.Entries.Select(e => e.SignedIn).ToList();
        Assert.Contains("Their agency's sign-in (Northshire Council), without a second factor", words);
        Assert.Contains("Not recorded", words);
        Assert.Contains("Password and authenticator app, with a second factor", words);
    }

    [Fact]
    public async Task TheAudit_SaysHowEachReaderSignedIn()
    {
        var admin = await app.CreateAdminAsync();
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        var passkey = lead with { SignIn = new SignInStrength(SignInMethod.Passkey, null, true, app.Clock.GetUtcNow()) };
        await app.SendAsync(new GetPersonPage(person.Id), passkey);

        var audit = await app.SendAsync(new GetAuditRecords(PersonId: person.Id), admin);

        Assert.Contains(audit.Entries, e => e.SignedIn == "Passkey, with a second factor" && e.Request == nameof(GetPersonPage));
        Assert.True(await app.WithDbAsync(db => db.AuditRecords.AnyAsync(a => a.PersonId != null && a.SignInMethod == SignInMethod.Passkey)));
    }
}
