using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Locality.Application.Common.Security;

namespace Locality.Api.Tests;

/// <summary>Bad input gets a specific answer, never a 500.</summary>
public sealed class ProblemTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ValidationFailure_Is400_WithTheFieldNamedAsInTheJson()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await client.PostAsJsonAsync("/api/teams", new { name = "", agencyId = Guid.NewGuid(), localityId = Guid.Empty });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter a name", errors.GetProperty("name")[0].GetString());
        Assert.Equal("Select an agency from the list", errors.GetProperty("agencyId")[0].GetString());
        Assert.Equal("Select the locality the team works in", errors.GetProperty("localityId")[0].GetString());
    }

    [Fact]
    public async Task UnknownId_Is404()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await client.GetAsync($"/api/teams/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StaleVersion_Is409_AndTheNewerChangeStays()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);
        var created = await (await client.PostAsJsonAsync("/api/localities", new { name = $"Golborne {Guid.NewGuid():N}" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetUInt32();
        (await client.PutAsJsonAsync($"/api/localities/{id}", new { name = "First change", version })).EnsureSuccessStatusCode();

        var stale = await client.PutAsJsonAsync($"/api/localities/{id}", new { name = "Second change", version });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("StaleVersion", problem.GetProperty("kind").GetString());
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/localities/{id}");
        Assert.Equal("First change", current.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("{\"name\":")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public async Task MalformedJson_Is400_NotA500(string body)
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await client.PostAsync("/api/localities", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnEnumValueThatDoesNotExist_Is400_NamingTheField()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await client.PostAsJsonAsync("/api/agencies", new { name = "Odd", kind = "Spaceship" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task AFieldTheEndpointDoesNotKnow_Is400_RatherThanSilentlyIgnored()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);

        var response = await client.PostAsJsonAsync("/api/localities", new { name = "Leigh", isAdmin = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413_NotA500()
    {
        var (client, _) = await api.SignedInClientAsync(Roles.Admin);
        var huge = "{\"name\":\"" + new string('x', 2_000_000) + "\"}";

        // Ask before sending the body, as a careful client does: the host answers 413 at once instead of closing the
        // connection under a client still writing two megabytes (which made this test fail now and then under load).
        client.DefaultRequestHeaders.ExpectContinue = true;
        var response = await client.PostAsync("/api/localities", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
