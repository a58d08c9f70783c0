using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Demand;
using Locality.Application.Organisations.Agencies;
using Locality.Application.Plans;
using Locality.Application.Tests.People;
using Locality.Domain.Access;
using Locality.Domain.Community;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Access;

/// <summary>Serious acts ask for the second factor again when it is older than <c>SignIn:StepUpMinutes</c> (15 by default).</summary>
public sealed class StepUpTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task BreakingTheGlass_WithASecondFactorOlderThanFifteenMinutes_IsRefusedBeforeAnythingIsRecorded()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        var before = await AuditCountAsync(person.Id);

        var refused = await Assert.ThrowsAsync<SecondFactorRequiredException>(() =>
            app.SendAsync(new BreakGlass(person.Id, "Police called: welfare concern"), Aged(stranger, TimeSpan.FromMinutes(16))));

        Assert.Equal(TimeSpan.FromMinutes(15), refused.MaxAge);
        Assert.Equal(FailureCategory.NotSignedIn, refused.Category);
        Assert.False(await app.WithDbAsync(db => db.BreakGlassGrants.AnyAsync(g => g.PersonId == new PersonId(person.Id))));
        Assert.Equal(before, await AuditCountAsync(person.Id));
    }

    [Fact]
    public async Task BreakingTheGlass_WithASecondFactorFourteenMinutesOld_Opens()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);

        var grant = await app.SendAsync(new BreakGlass(person.Id, "Hospital asked for the next of kin"), Aged(stranger, TimeSpan.FromMinutes(14)));

        Assert.Equal(person.Id, grant.PersonId);
    }

    [Fact]
    public async Task AnAdministratorsChange_WithoutASecondFactorAtAll_IsRefused_AndNothingChanges()
    {
        var admin = await app.CreateAdminAsync();
        var passwordOnly = admin with { SignIn = new SignInStrength(SignInMethod.Password, null, false, null) };
        var name = $"Northshire Fire {Guid.NewGuid():N}";

        await Assert.ThrowsAsync<SecondFactorRequiredException>(() => app.SendAsync(new CreateAgency(name, AgencyKind.Council), passwordOnly));

        Assert.False(await app.WithDbAsync(db => db.Agencies.AnyAsync(a => a.Name == name)));
    }

    [Fact]
    public async Task AnAdministratorsChange_AfterTheClockMovesOnSixteenMinutes_IsRefused_AndAFreshFactorPasses()
    {
        var admin = await app.CreateAdminAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var name = $"Northshire Health {Guid.NewGuid():N}";

        await Assert.ThrowsAsync<SecondFactorRequiredException>(() => app.SendAsync(new CreateAgency(name, AgencyKind.Health), admin));
        var created = await app.SendAsync(new CreateAgency(name, AgencyKind.Health), Fresh(admin));

        Assert.Equal(name, created.Name);
    }

    [Fact]
    public async Task ARequestOthersMaySendToo_AsksOnlyTheAdministrator()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var admin = await app.CreateAdminAsync();

        var saved = await app.SendAsync(await GroupAsync(worker, "Knit and natter"), Aged(worker, TimeSpan.FromHours(2)));
        await Assert.ThrowsAsync<SecondFactorRequiredException>(async () =>
            await app.SendAsync(await GroupAsync(admin, "Walking football"), Aged(admin, TimeSpan.FromHours(2))));

        Assert.Equal("Knit and natter", saved.Name);
        Assert.False(await app.WithDbAsync(db => db.CommunityGroups.AnyAsync(g => g.Name == "Walking football")));
    }

    [Fact]
    public async Task TheServiceItself_IsNeverAsked()
    {
        var system = new TestCurrentUser(null, null, null, [Roles.System]) { SignIn = null };

        var result = await app.SendAsync(new ReconcileConversationStates(), system);

        Assert.True(result.Checked >= 0);
    }

    [Fact]
    public async Task ExportingTheDemandEvidence_WithAnOldSecondFactor_IsRefused_WhileTheSameFiguresOnThePageAreNot()
    {
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var old = Aged(lead, TimeSpan.FromMinutes(30));

        var page = await app.SendAsync(new GetDemandEvidence(), old);
        await Assert.ThrowsAsync<SecondFactorRequiredException>(() => app.SendAsync(new ExportDemandEvidence(new GetDemandEvidence()), old));
        var exported = await app.SendAsync(new ExportDemandEvidence(new GetDemandEvidence()), Fresh(lead));

        Assert.Equal(page.From, exported.From);
        Assert.Equal(page.To, exported.To);
    }

    [Fact]
    public async Task ASecondFactorFromTheFuture_DoesNotCount()
    {
        var admin = await app.CreateAdminAsync();
        var future = admin with { SignIn = new SignInStrength(SignInMethod.PasswordAndAuthenticator, null, true, app.Clock.GetUtcNow().AddHours(1)) };

        await Assert.ThrowsAsync<SecondFactorRequiredException>(() => app.SendAsync(new CreateAgency($"Future {Guid.NewGuid():N}", AgencyKind.Council), future));
    }

    private TestCurrentUser Aged(TestCurrentUser user, TimeSpan age) =>
        user with { SignIn = new SignInStrength(SignInMethod.PasswordAndAuthenticator, null, true, app.Clock.GetUtcNow() - age) };

    private TestCurrentUser Fresh(TestCurrentUser user) => Aged(user, TimeSpan.Zero);

    private async Task<SaveCommunityGroup> GroupAsync(TestCurrentUser user, string name)
    {
        var locality = await app.WithDbAsync(db => db.Teams.Where(t => t.Id == user.TeamId!.Value).Select(t => t.LocalityId.Value).SingleAsync());
        return new SaveCommunityGroup(null, locality, name, GroupKind.Club, "Company and a cup of tea", null, null, null, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddDays(-1)));
    }

    private Task<int> AuditCountAsync(Guid person) =>
        app.WithDbAsync(db => db.AuditRecords.CountAsync(a => a.PersonId == new PersonId(person)));
}
