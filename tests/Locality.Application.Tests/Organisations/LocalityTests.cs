using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.Localities;
using Locality.Application.Organisations.Teams;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Organisations;

public sealed class LocalityTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task CreateLocality_StampsWhoCreatedItAndWhen()
    {
        var admin = await app.CreateAdminAsync();

        var created = await app.SendAsync(new CreateLocality("  Pemberton  "), admin);

        var row = await app.WithDbAsync(db => db.Localities.SingleAsync(l => l.Id == new LocalityId(created.Id)));
        Assert.Equal("Pemberton", row.Name);
        Assert.Equal(admin.UserId!.Value.Value, row.CreatedBy);
        Assert.Equal(app.Clock.GetUtcNow(), row.CreatedAt);
        Assert.Null(row.UpdatedAt);
        Assert.NotEqual(0u, created.Version);
    }

    [Fact]
    public async Task CreateLocality_WithANameAlreadyTaken_IgnoringCase_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();
        await app.SendAsync(new CreateLocality("Ince"), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateLocality("INCE"), admin));

        Assert.Equal(["There is already a locality with this name"], failure.Errors["Name"]);
    }

    [Fact]
    public async Task CreateLocality_WithATooLongName_SaysHowLongItMayBe()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateLocality(new string('x', 121)), admin));

        Assert.Equal(["Name must be 120 characters or fewer"], failure.Errors["Name"]);
    }

    [Fact]
    public async Task UpdateLocality_WithTheVersionLastSeen_ChangesItAndStampsTheUpdate()
    {
        var admin = await app.CreateAdminAsync();
        var created = await app.SendAsync(new CreateLocality("Standish"), admin);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var updated = await app.SendAsync(new UpdateLocality(created.Id, "Standish and Shevington", created.Version), admin);

        Assert.Equal("Standish and Shevington", updated.Name);
        Assert.NotEqual(created.Version, updated.Version);
        var row = await app.WithDbAsync(db => db.Localities.SingleAsync(l => l.Id == new LocalityId(created.Id)));
        Assert.Equal(app.Clock.GetUtcNow(), row.UpdatedAt);
        Assert.Equal(admin.UserId!.Value.Value, row.UpdatedBy);
    }

    [Fact]
    public async Task UpdateLocality_WithAStaleVersion_IsAConflictAndChangesNothing()
    {
        var admin = await app.CreateAdminAsync();
        var created = await app.SendAsync(new CreateLocality("Aspull"), admin);
        await app.SendAsync(new UpdateLocality(created.Id, "Aspull village", created.Version), admin);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new UpdateLocality(created.Id, "Aspull and Haigh", created.Version), admin));

        Assert.Equal(ConflictKind.StaleVersion, conflict.Kind);
        var current = await app.SendAsync(new GetLocality(created.Id), admin);
        Assert.Equal("Aspull village", current.Name);
    }

    [Fact]
    public async Task UpdateLocality_WhenTwoPeopleSaveAtOnce_OneWinsAndTheOtherGetsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var created = await app.SendAsync(new CreateLocality("Orrell"), admin);

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(async i =>
        {
            try
            {
                await app.SendAsync(new UpdateLocality(created.Id, $"Orrell {i}", created.Version), admin);
                return "saved";
            }
            catch (ConflictException e) when (e.Kind == ConflictKind.StaleVersion)
            {
                return "conflict";
            }
        }));

        Assert.Equal(1, results.Count(r => r == "saved"));
        Assert.Equal(5, results.Count(r => r == "conflict"));
    }

    [Fact]
    public async Task GetLocality_ThatDoesNotExist_IsNotFound()
    {
        var admin = await app.CreateAdminAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetLocality(Guid.NewGuid()), admin));
    }

    [Fact]
    public async Task CreateAgency_WithAKindThatDoesNotExist_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new CreateAgency("Somewhere", (AgencyKind)99), admin));

        Assert.Equal(["Select what kind of agency this is"], failure.Errors["Kind"]);
    }

    [Fact]
    public async Task CreateTeam_ForAnAgencyAndLocalityThatExist_IsListedWithTheirNames()
    {
        var admin = await app.CreateAdminAsync();
        var locality = await app.SendAsync(new CreateLocality("Hindley"), admin);
        var agency = await app.SendAsync(new CreateAgency("Hindley Homes", AgencyKind.Housing), admin);

        var team = await app.SendAsync(new CreateTeam("Tenancy support", agency.Id, locality.Id), admin);

        var listed = await app.SendAsync(new GetTeams(LocalityId: locality.Id), admin);
        var only = Assert.Single(listed);
        Assert.Equal((team.Id, "Tenancy support", "Hindley Homes", "Hindley"), (only.Id, only.Name, only.AgencyName, only.LocalityName));
        Assert.Equal(1, (await app.SendAsync(new GetLocality(locality.Id), admin)).TeamCount);
    }

    [Fact]
    public async Task CreateTeam_NamingAnAgencyOrLocalityThatDoesNotExist_GivesAFieldErrorForEach()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateTeam("Ghost team", Guid.NewGuid(), Guid.Empty), admin));

        Assert.Equal(["Select an agency from the list"], failure.Errors["AgencyId"]);
        Assert.Equal(["Select the locality the team works in"], failure.Errors["LocalityId"]);
    }

    [Fact]
    public async Task ListingOrganisations_IsOpenToAnySignedInRole_ButChangingThemIsForAdminsOnly()
    {
        var partner = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);

        var agencies = await app.SendAsync(new GetAgencies(), partner);

        Assert.Contains(agencies, a => a.Id == partner.AgencyId!.Value.Value);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new CreateAgency("Rogue", AgencyKind.Other), partner));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new CreateTeam("Rogue", partner.AgencyId!.Value.Value, Guid.NewGuid()), partner));
    }
}
