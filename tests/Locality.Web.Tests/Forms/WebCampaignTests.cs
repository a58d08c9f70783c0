using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CsCheck;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// The web host's side of the campaign the API runs on itself: every page with a query string and every form post
/// (with its anti-forgery token), read from the host's own MVC metadata, sent as each kind of person with the values
/// hostile and careless people type (see <see cref="HostileValues"/>). Nothing may answer with a server error.
/// Values come from a seed (LOCALITY_CAMPAIGN_SEED replays one) and the number of requests is fixed.
/// </summary>
public sealed partial class WebCampaignTests(WebFactory web, ITestOutputHelper output) : IClassFixture<WebFactory>
{
    private const ulong DefaultSeed = 20_261_201;

    private const int RequestsPerCaller = 3;

    /// <summary>Posts that would end the campaign's own sessions.</summary>
    private static readonly string[] NotSent = ["/sign-out"];

    [Fact]
    public async Task EveryFormAndQueryString_AsEveryPerson_WithHostileValues_NeverAnswersWithAServerError()
    {
        var seed = Environment.GetEnvironmentVariable("LOCALITY_CAMPAIGN_SEED") is { Length: > 0 } given ? ulong.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : DefaultSeed;
        var random = new PCG(2, seed);
        var (callers, person, knownIds) = await BuildWorldAsync();
        var failures = new List<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();

        foreach (var (route, method, fields) in Targets())
        {
            foreach (var (name, client, token) in callers)
            {
                for (var i = 0; i < RequestsPerCaller; i++)
                {
                    var url = RouteParameter().Replace(route, m => m.Groups["name"].Value is "id" or "personId" && i == 0
                        ? person.ToString()
                        : HostileValues.UrlEncode(HostileValues.Id(knownIds).Generate(random, null, out _).Text!));
                    var values = fields.Select(f => (f.Name, Value: ValueFor(f.Type, knownIds).Generate(random, null, out _))).ToList();
                    using var request = new HttpRequestMessage(new HttpMethod(method), method == "GET" && values.Count > 0
                        ? url + "?" + string.Join('&', values.Select(v => $"{v.Name}={HostileValues.UrlEncode(v.Value.Text ?? v.Value.Json)}"))
                        : url);
                    if (method == "POST")
                    {
                        var form = values.Select(v => $"{HostileValues.UrlEncode(v.Name)}={HostileValues.UrlEncode(v.Value.Text ?? v.Value.Json)}").ToList();
                        if (token is not null)
                        {
                            form.Add($"__RequestVerificationToken={HostileValues.UrlEncode(token)}");
                        }

                        request.Content = new StringContent(string.Join('&', form), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
                    }

                    sent++;
                    using var response = await client.Http.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                    {
                        var failure = $"- {method} {route} as {name}: {(int)response.StatusCode} ({await Page.HeadingOfAsync(response)}) for {string.Join(", ", values.Select(v => $"{v.Name}={v.Value}"))}\n    sent {request.RequestUri}";
                        failures.Add(failure);
                    }
                }
            }
        }

        output.WriteLine($"The web campaign sent {sent} requests in {clock.Elapsed.TotalSeconds:F0} s (seed {seed}).");
        Assert.True(failures.Count == 0,
            $"The web campaign (seed {seed}; replay with LOCALITY_CAMPAIGN_SEED={seed}) found {failures.Count} server errors in {sent} requests:\n" + string.Join('\n', failures.Take(60)));
        Assert.True(sent > 500, $"Only {sent} requests were sent: the forms were not all found.");
    }

    /// <summary>What the campaign found first: a refused post carrying a NUL showed the 500 page instead of the 403 one.</summary>
    [Fact]
    public async Task AFormWithANul_PostedWhereThePersonMayNotGo_IsRefusedWith403_NotA500()
    {
        var (teamLead, _) = await web.SignedInAccountAsync(Roles.TeamLead);
        var token = await TokenAsync(teamLead);

        var response = await teamLead.Http.PostAsync($"/admin/agencies/{Guid.NewGuid()}/edit", new StringContent(
            $"Name=before%00after&Kind=Council&Version=1&__RequestVerificationToken={Uri.EscapeDataString(token)}", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have permission to see this page", await Page.HeadingOfAsync(response));
    }

    /// <summary>Each page with a query string and each post, with the fields its action binds (a form's fields by their posted names).</summary>
    private IEnumerable<(string Route, string Method, IReadOnlyList<(string Name, Type Type)> Fields)> Targets()
    {
        foreach (var endpoint in web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal))
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<ControllerActionDescriptor>() is not { } action || NotSent.Contains(route))
            {
                continue;
            }

            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var fields = action.Parameters
                    .Where(p => !routeNames.Contains(p.Name) && p.BindingInfo?.BindingSource != BindingSource.Services && p.ParameterType != typeof(CancellationToken))
                    .SelectMany(p => Fields(p.ParameterType, IsSimple(p.ParameterType) ? p.Name : null, 0))
                    .ToList();
                if (method == "POST" || fields.Count > 0)
                {
                    yield return (route, method, fields);
                }
            }
        }
    }

    private static IEnumerable<(string Name, Type Type)> Fields(Type type, string? name, int depth)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(inner))
        {
            yield return (name!, inner);
            yield break;
        }

        if (inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            yield return ($"{name}[housing]", inner.GetGenericArguments()[1]);
            yield break;
        }

        if (typeof(IEnumerable).IsAssignableFrom(inner) && inner.IsGenericType)
        {
            yield return (name!, inner.GetGenericArguments()[0]);
            yield return (name!, inner.GetGenericArguments()[0]);
            yield break;
        }

        if (depth > 1)
        {
            yield break;
        }

        foreach (var property in inner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            foreach (var field in Fields(property.PropertyType, name is null ? property.Name : $"{name}.{property.Name}", depth + 1))
            {
                yield return field;
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner.IsPrimitive || inner.IsEnum || inner == typeof(string) || inner == typeof(Guid) || inner == typeof(decimal)
               || inner == typeof(DateOnly) || inner == typeof(DateTimeOffset) || inner == typeof(DateTime) || inner == typeof(TimeOnly);
    }

    private static Gen<Hostile> ValueFor(Type type, IReadOnlyList<Guid> knownIds)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner switch
        {
            _ when inner == typeof(Guid) => HostileValues.Id(knownIds),
            _ when inner == typeof(DateOnly) => HostileValues.Date(),
            _ when inner == typeof(DateTimeOffset) || inner == typeof(DateTime) => HostileValues.DateTime(),
            _ when inner == typeof(bool) => HostileValues.Boolean(),
            _ when inner.IsEnum => HostileValues.Choice(Enum.GetNames(inner)),
            _ when inner == typeof(decimal) || inner == typeof(double) => HostileValues.Decimal(),
            _ when inner.IsPrimitive => HostileValues.Integer(),
            _ => Gen.Frequency((3, HostileValues.Text(null)), (1, HostileValues.Integer()), (1, HostileValues.Date())),
        };
    }

    private async Task<(IReadOnlyList<(string Name, FormClient Client, string? Token)> Callers, Guid Person, IReadOnlyList<Guid> KnownIds)> BuildWorldAsync()
    {
        var (admin, _) = await web.SignedInAccountAsync(Roles.Admin);
        var (worker, workerAccount) = await web.SignedInAccountAsync(Roles.KeyWorker);
        var (teamLead, _) = await web.SignedInAccountAsync(Roles.TeamLead, inTeam: workerAccount.TeamId);
        var (viewer, viewerAccount) = await web.SignedInAccountAsync(Roles.PartnerViewer, AgencyKind.Police);
        var bystander = await web.CreateAccountAsync(Roles.KeyWorker);
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Campaign",
            ["FamilyName"] = "Person" + Guid.NewGuid().ToString("N")[..6],
            ["ApproximateAge"] = "40",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var person = Guid.Parse(added.Response.Headers.Location!.ToString().Split('/')[^1]);

        return (
        [
            ("key worker", worker, await TokenAsync(worker)),
            ("team lead", teamLead, await TokenAsync(teamLead)),
            ("partner viewer", viewer, await TokenAsync(viewer)),
            ("administrator", admin, await TokenAsync(admin)),
            ("anonymous", web.NewClient(), null),
        ], person, [person, workerAccount.TeamId.Value, viewerAccount.AgencyId.Value, bystander.Id.Value]);
    }

    /// <summary>The token from the sign-out form every signed-in page carries (tokens are per person, not per form).</summary>
    private static async Task<string> TokenAsync(FormClient client) =>
        (await client.GetAsync("/help/accessibility")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No anti-forgery token on the page.");

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
