using Locality.Application.Common.Exceptions;
using Locality.Application.Organisations.TokenClients;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Organisations;

public sealed class TokenClientTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task CreateTokenClient_KeepsTheIssuerWithoutItsTrailingSlash_AndListsItForTheAgency()
    {
        var admin = await app.CreateAdminAsync();
        var agency = admin.AgencyId!.Value.Value;

        var created = await app.SendAsync(new CreateTokenClient(agency, " Incident feed ", "https://login.police.example/tenant/", $"feed-{Guid.NewGuid():N}", null), admin);
        var listed = await app.SendAsync(new GetTokenClients(agency), admin);

        Assert.Equal(("Incident feed", "https://login.police.example/tenant", (string?)null), (created.Name, created.Issuer, created.Audience));
        Assert.Equal(created.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task CreateTokenClient_WithBadFields_SaysWhatIsWrongWithEach_AndKeepsNothing()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateTokenClient(Guid.NewGuid(), " ", "http://login.example.org", " ", new string('a', 201)), admin));

        Assert.Equal(["Select an agency from the list"], failure.Errors["AgencyId"]);
        Assert.Contains("Name", failure.Errors.Keys);
        Assert.Equal(["Enter the provider's address, starting https://, for example https://login.example.org/tenant"], failure.Errors["Issuer"]);
        Assert.Contains("ClientId", failure.Errors.Keys);
        Assert.Contains("Audience", failure.Errors.Keys);
        Assert.Equal(0, await app.WithDbAsync(db => db.TokenClients.CountAsync(c => c.Issuer == "http://login.example.org")));
    }

    [Fact]
    public async Task CreateTokenClient_ForAClientOfAnIssuerAlreadyRegistered_IsAFieldError_EvenForAnotherAgency()
    {
        var admin = await app.CreateAdminAsync();
        var other = await app.CreateAdminAsync();
        var clientId = $"feed-{Guid.NewGuid():N}";
        await app.SendAsync(new CreateTokenClient(admin.AgencyId!.Value.Value, "Feed", "https://login.example.org", clientId, null), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateTokenClient(other.AgencyId!.Value.Value, "Feed", "https://login.example.org/", clientId, null), other));

        Assert.Equal(["This client of that provider is already registered. Remove it first to register it again."], failure.Errors["ClientId"]);
    }

    [Fact]
    public async Task RemoveTokenClient_MarksItRemoved_AndItCannotBeRegisteredAgain_AndASecondRemoveIsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var clientId = $"feed-{Guid.NewGuid():N}";
        var created = await app.SendAsync(new CreateTokenClient(admin.AgencyId!.Value.Value, "Feed", "https://login.example.org", clientId, "locality"), admin);

        var removed = await app.SendAsync(new RemoveTokenClient(created.Id), admin);
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateTokenClient(admin.AgencyId!.Value.Value, "Feed", "https://login.example.org", clientId, "locality"), admin));

        Assert.Equal(app.Clock.GetUtcNow(), removed.RemovedAt);
        Assert.Equal(["This client of that provider was registered before and removed. Ask the provider for a new client id."], again.Errors["ClientId"]);
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RemoveTokenClient(created.Id), admin));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new RemoveTokenClient(Guid.NewGuid()), admin));
        Assert.True(await app.WithDbAsync(db => db.TokenClients.AnyAsync(c => c.Id == new TokenClientId(created.Id) && c.RevokedAt != null)));
    }
}
