using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Organisations;

public sealed class IdentityProviderTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task CreateIdentityProvider_KeepsItsSettingsTidied_AndSaysTheSecretIsNotSet()
    {
        var admin = await app.CreateAdminAsync();
        var key = Key();
        var domain = Domain();

        var created = await app.SendAsync(Create(admin, key, [$"  @{domain.ToUpperInvariant()} ", domain], groupsClaim: "  ",
            groups: [new ProviderGroupBody(" Locality-Leads ", Roles.TeamLead, admin.TeamId!.Value.Value)]), admin);

        Assert.Equal(key, created.Key);
        Assert.Equal("https://login.example.gov.uk/tenant/v2.0", created.Authority);
        Assert.Equal([domain], created.EmailDomains);
        Assert.Equal("groups", created.GroupsClaim);
        Assert.False(created.SecretIsSet);
        Assert.True(created.IsEnabled);
        var group = Assert.Single(created.Groups);
        Assert.Equal(("Locality-Leads", Roles.TeamLead, admin.TeamId!.Value.Value), (group.Group, group.Role, group.TeamId!.Value));
        Assert.Equal($"/sign-in/oidc/{key}/callback", created.CallbackPath);
        Assert.Equal($"/sign-in/oidc/{key}/front-channel-logout", created.FrontChannelLogoutPath);
        Assert.Equal($"/sign-in/oidc/{key}/back-channel-logout", created.BackChannelLogoutPath);
        var stored = await app.WithDbAsync(db => db.IdentityProviders.AsNoTracking().SingleAsync(p => p.Id == new IdentityProviderId(created.Id)));
        Assert.Equal(new TeamId(admin.TeamId!.Value.Value), stored.Groups.Single().TeamId);
        Assert.Contains(await app.SendAsync(new GetIdentityProviders(admin.AgencyId!.Value.Value), admin), p => p.Id == created.Id);
    }

    [Fact]
    public async Task CreateIdentityProvider_WithEveryFieldWrong_NamesEachOne_AndSavesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var otherTeam = (await app.CreateAdminAsync()).TeamId!.Value.Value;

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(
            new CreateIdentityProvider(
                admin.AgencyId!.Value.Value, "Wigan_Council", "", "http://login.example.gov.uk/tenant", "", "secret name", ["not a domain"], "two words",
                [new ProviderGroupBody("staff", "Superuser", otherTeam), new ProviderGroupBody("", Roles.KeyWorker, null)],
                otherTeam, false, (ProviderWithoutSecondFactor)7),
            admin));

        Assert.Equal(["Use only lower-case letters and digits, with single hyphens between them, like wigan-council"], failure.Errors["Key"]);
        Assert.Equal(["Enter a name"], failure.Errors["Name"]);
        Assert.Equal(["The provider's address must start with https://"], failure.Errors["Authority"]);
        Assert.Equal(["Enter the client id the provider gave Locality"], failure.Errors["ClientId"]);
        Assert.StartsWith("Use only letters, digits, underscores and hyphens", failure.Errors["SecretName"].Single());
        Assert.StartsWith("not a domain is not an email domain", failure.Errors["EmailDomains"].Single());
        Assert.Equal(["Write the claim's name without spaces, like groups or roles"], failure.Errors["GroupsClaim"]);
        Assert.StartsWith("Select a role from the list", failure.Errors["Groups[0].Role"].Single());
        Assert.Equal(["Select one of this agency's teams"], failure.Errors["Groups[0].TeamId"]);
        Assert.Equal(["Enter the group as the provider sends it"], failure.Errors["Groups[1].Group"]);
        Assert.Equal(["Select one of this agency's teams"], failure.Errors["DefaultTeamId"]);
        Assert.StartsWith("Select what happens", failure.Errors["WithoutSecondFactor"].Single());
        Assert.Empty(await app.SendAsync(new GetIdentityProviders(admin.AgencyId!.Value.Value), admin));
    }

    [Theory]
    [InlineData("not a web address", "Enter the provider's full address, like https://login.microsoftonline.com/your-tenant-id/v2.0")]
    [InlineData("ftp://login.example.gov.uk/tenant", "Enter the provider's full address, like https://login.microsoftonline.com/your-tenant-id/v2.0")]
    [InlineData("/relative/only", "Enter the provider's full address, like https://login.microsoftonline.com/your-tenant-id/v2.0")]
    [InlineData("https://user:pass@login.example.gov.uk/tenant", "Enter the provider's full address, like https://login.microsoftonline.com/your-tenant-id/v2.0")]
    [InlineData("https://login.example.gov.uk/tenant?p=1", "Enter the provider's address without a ? or # part")]
    [InlineData("https://login.example.gov.uk/tenant#top", "Enter the provider's address without a ? or # part")]
    [InlineData("http://127.0.0.1:5000/", "The provider's address must start with https://")]
    public async Task CreateIdentityProvider_WithAnAuthorityThatWillNotDo_IsAFieldError(string authority, string message)
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(Create(admin, Key(), [Domain()], authority: authority), admin));

        Assert.Equal([message], failure.Errors["Authority"]);
    }

    [Fact]
    public async Task CreateIdentityProvider_WithADomainAnotherProviderServes_NamesThatProvider()
    {
        var admin = await app.CreateAdminAsync();
        var domain = Domain();
        var first = await app.SendAsync(Create(admin, Key(), [domain], name: "Wigan Council sign-in"), admin);
        var elsewhere = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(Create(elsewhere, Key(), [Domain(), domain.ToUpperInvariant()]), elsewhere));

        Assert.Equal([$"{domain} already signs in through {first.Name}: a domain can sign in through one provider only"], failure.Errors["EmailDomains"]);
    }

    [Fact]
    public async Task CreateIdentityProvider_WithAKeyAlreadyUsed_OrTooManyDomains_OrAGroupTwice_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();
        var key = Key();
        await app.SendAsync(Create(admin, key, [Domain()]), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(
            Create(admin, key, Enumerable.Range(0, 21).Select(_ => Domain()).ToList(),
                groups: [new ProviderGroupBody("staff", Roles.KeyWorker, null), new ProviderGroupBody("staff", Roles.TeamLead, null)]),
            admin));

        Assert.Equal(["Another provider already has this short name"], failure.Errors["Key"]);
        Assert.Equal([$"Enter at most {IdentityProvider.MaxDomains} email domains"], failure.Errors["EmailDomains"]);
        Assert.Equal(["staff is mapped more than once: map each group once"], failure.Errors["Groups[1].Group"]);
    }

    [Fact]
    public async Task CreateIdentityProvider_WithOverLongValuesOrANullCharacter_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(
            Create(admin, new string('a', IdentityProvider.KeyMaxLength + 1), [Domain()], name: new string('n', IdentityProvider.NameMaxLength + 1),
                clientId: new string('c', IdentityProvider.ClientIdMaxLength + 1)),
            admin));
        var nul = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(
            Create(admin, Key(), [Domain()], groups: [new ProviderGroupBody("sta\0ff", Roles.KeyWorker, null)]), admin));

        Assert.Equal([$"Short name for its addresses must be {IdentityProvider.KeyMaxLength} characters or fewer"], failure.Errors["Key"]);
        Assert.Equal([$"Name must be {IdentityProvider.NameMaxLength} characters or fewer"], failure.Errors["Name"]);
        Assert.Equal([$"The client id the provider gave Locality must be {IdentityProvider.ClientIdMaxLength} characters or fewer"], failure.Errors["ClientId"]);
        Assert.Equal([StorableText.Message], nul.Errors["Groups[0].Group"]);
    }

    [Fact]
    public async Task UpdateIdentityProvider_KeepsItsOwnDomains_AndFromAStaleVersion_IsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var domain = Domain();
        var created = await app.SendAsync(Create(admin, Key(), [domain]), admin);

        var updated = await app.SendAsync(Update(created, "Renamed sign-in", [domain, "second." + domain]), admin);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(Update(created, "Another name", [domain]), admin));

        Assert.Equal("Renamed sign-in", updated.Name);
        Assert.Equal(created.Key, updated.Key);
        Assert.Equal([domain, "second." + domain], updated.EmailDomains);
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        Assert.Equal("Renamed sign-in", (await app.SendAsync(new GetIdentityProvider(created.Id), admin)).Name);
    }

    [Fact]
    public async Task SetIdentityProviderEnabled_SwitchesItOffAndOn_AndFromAStaleVersion_IsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var created = await app.SendAsync(Create(admin, Key(), [Domain()]), admin);

        var off = await app.SendAsync(new SetIdentityProviderEnabled(created.Id, false, created.Version), admin);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SetIdentityProviderEnabled(created.Id, true, created.Version), admin));
        var on = await app.SendAsync(new SetIdentityProviderEnabled(created.Id, true, off.Version), admin);

        Assert.False(off.IsEnabled);
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        Assert.True(on.IsEnabled);
    }

    [Theory]
    [InlineData(Roles.KeyWorker)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.PartnerViewer)]
    public async Task IdentityProviders_AreForAdministratorsOnly(string role)
    {
        var someone = await app.CreateUserAsync(role);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetIdentityProviders(), someone));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Create(someone, Key(), [Domain()]), someone));
    }

    private static string Key() => "council-" + Guid.NewGuid().ToString("N")[..10];

    private static string Domain() => $"c{Guid.NewGuid():N}"[..12] + ".gov.uk";

    private static CreateIdentityProvider Create(
        TestCurrentUser admin, string key, IReadOnlyList<string> domains, string name = "Council sign-in",
        string authority = "https://login.example.gov.uk/tenant/v2.0/", string clientId = "locality-client", string? groupsClaim = null,
        IReadOnlyList<ProviderGroupBody>? groups = null) =>
        new(admin.AgencyId!.Value.Value, key, name, authority, clientId, "CouncilSecret", domains, groupsClaim, groups ?? [],
            admin.TeamId!.Value.Value, true, ProviderWithoutSecondFactor.AskLocality);

    private static UpdateIdentityProvider Update(IdentityProviderDto provider, string name, IReadOnlyList<string> domains) =>
        new(provider.Id, name, provider.Authority, provider.ClientId, provider.SecretName, domains, provider.GroupsClaim,
            provider.Groups.Select(g => new ProviderGroupBody(g.Group, g.Role, g.TeamId)).ToList(), provider.DefaultTeamId,
            provider.CreatesAccounts, ProviderWithoutSecondFactor.Refuse, provider.Version);
}
