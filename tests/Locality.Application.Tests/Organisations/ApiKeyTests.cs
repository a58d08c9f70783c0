using Locality.Application.Common.Exceptions;
using Locality.Application.Organisations.ApiKeys;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Organisations;

public sealed class ApiKeyTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task CreateApiKey_ShowsTheKeyOnce_AndStoresOnlyItsHash()
    {
        var admin = await app.CreateAdminAsync();

        var created = await app.SendAsync(new CreateApiKey(admin.AgencyId!.Value.Value, "Police incident feed"), admin);

        Assert.StartsWith($"lk_{created.Details.Prefix}_", created.Key);
        var row = await app.WithDbAsync(db => db.PartnerApiKeys.SingleAsync(k => k.Id == new ApiKeyId(created.Details.Id)));
        Assert.Equal(ApiKeySecret.Hash(created.Key), row.SecretHash);
        // The secret is everything after the prefix (it may itself hold an underscore).
        Assert.DoesNotContain(created.Key[$"lk_{created.Details.Prefix}_".Length..], row.SecretHash);
        Assert.True(ApiKeySecret.Matches(created.Key, row.SecretHash));
        Assert.False(ApiKeySecret.Matches(created.Key + "x", row.SecretHash));
    }

    [Fact]
    public async Task RevokeApiKey_MarksItRevoked_AndASecondRevokeIsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var created = await app.SendAsync(new CreateApiKey(admin.AgencyId!.Value.Value, "Old feed"), admin);

        var revoked = await app.SendAsync(new RevokeApiKey(created.Details.Id), admin);

        Assert.Equal(app.Clock.GetUtcNow(), revoked.RevokedAt);
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RevokeApiKey(created.Details.Id), admin));
    }

    [Fact]
    public async Task CreateApiKey_ForAnAgencyThatDoesNotExist_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateApiKey(Guid.NewGuid(), "Feed"), admin));

        Assert.Equal(["Select an agency from the list"], failure.Errors["AgencyId"]);
    }
}
