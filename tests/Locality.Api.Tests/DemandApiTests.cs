using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

public sealed class DemandApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task APartnerSystem_SendsABatch_GetsItsProgressAndReport_AndCannotSendAsAnotherAgency()
    {
        var (police, policeAgency) = await api.PartnerSystemAsync();
        var (other, _) = await api.PartnerSystemAsync();
        var batch = new
        {
            agencyId = policeAgency,
            events = new object[]
            {
                new { sourceReference = "API-1", type = "police-call-out", occurredAt = "2026-05-01T22:15:00Z", uprn = "100011781234", classification = "failure", failureType = "REPEAT_CALLOUT" },
                new { sourceReference = "API-2", type = "police-call-out", occurredAt = "2026-05-02 10:00", uprn = "10001A78", classification = "value" },
            },
        };

        var refused = await other.PostAsJsonAsync("/api/demand/imports", batch);
        var empty = await police.PostAsJsonAsync("/api/demand/imports", new { agencyId = policeAgency, events = Array.Empty<object>() });
        var accepted = await police.PostAsJsonAsync("/api/demand/imports", batch);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Send at least one event", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("events")[0].GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/demand/imports/{id}", location);
        Assert.Equal("Waiting", (await police.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());

        await using (var scope = api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemandImportJob>().RunAsync(id, CancellationToken.None);
        }

        var report = await police.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("Finished", report.GetProperty("status").GetString());
        Assert.Equal((2, 2, 1, 1, 0), (report.GetProperty("totalRows").GetInt32(), report.GetProperty("rowsDone").GetInt32(),
            report.GetProperty("imported").GetInt32(), report.GetProperty("rejected").GetInt32(), report.GetProperty("alreadySeen").GetInt32()));
        var problem = report.GetProperty("problems")[0];
        Assert.Equal((2, "uprn '10001A78' is not a UPRN (up to 12 digits, no letters)"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Costs_AreChangedByAdministrators_WithFieldErrors_AndTheEvidenceSaysItsPriceBase()
    {
        var (admin, _) = await api.SignedInClientAsync(Roles.Admin);
        var (lead, _) = await api.SignedInClientAsync(Roles.TeamLead);

        var bad = await admin.PostAsJsonAsync("/api/costs/price-indices", new { year = "2025", value = 0, source = "", version = 0 });
        var notAdmin = await lead.PutAsJsonAsync("/api/costs/price-base", new { year = "2025/26" });
        var chosen = await admin.PutAsJsonAsync("/api/costs/price-base", new { year = "2025/26" });
        var service = await lead.PostAsJsonAsync("/api/team/service-costs", new { from = "2026-04-01", to = "2027-03-31", amount = 120000, priceYear = "2026/27" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter the financial year like 2024/25", errors.GetProperty("year")[0].GetString());
        Assert.Equal("The index must be more than 0", errors.GetProperty("value")[0].GetString());
        Assert.Equal("Enter where the figure comes from", errors.GetProperty("source")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        var evidence = await lead.GetFromJsonAsync<JsonElement>("/api/team/demand-evidence?from=2026-01-01&to=2026-03-01&months=6");
        Assert.Equal("2025/26", evidence.GetProperty("priceBase").GetString());
        Assert.Equal(3, evidence.GetProperty("byMonth").GetArrayLength());
        Assert.Equal(6, evidence.GetProperty("beforeAfter").GetProperty("months").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.GetAsync("/api/team/demand-evidence?months=5")).StatusCode);
    }

}
