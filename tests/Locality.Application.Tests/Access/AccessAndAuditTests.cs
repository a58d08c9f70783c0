using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Application.Sharing;
using Locality.Application.Tests.People;
using Locality.Domain.Access;
using Locality.Domain.People;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Access;

public sealed class AccessAndAuditTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task AWorkerOutsideTheTeamAroundThePerson_IsRefused_AndTheRefusalIsAudited()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);

        var refused = await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new GetPersonPage(person.Id), stranger));
        await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new AddNote(person.Id, "Not mine to write"), stranger));

        Assert.Equal(person.Id, refused.PersonId);
        var audit = await AuditOfAsync(person.Id);
        Assert.Equal(2, audit.Count(a => a.Action == AuditAction.Refused && a.UserId == stranger.UserId));
        Assert.Contains(audit, a => a.Action == AuditAction.Refused && a.Request == nameof(AddNote) && a.Sections == "Conversation timeline");
    }

    [Fact]
    public async Task BreakingTheGlass_NeedsAReason_OpensTheRecordForFourHours_AndIsShownToTheLead()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new BreakGlass(person.Id, "  "), stranger));
        var grant = await app.SendAsync(new BreakGlass(person.Id, "Police called: welfare concern out of hours, lead not reachable"), stranger);
        var page = await app.SendAsync(new GetPersonPage(person.Id), stranger);
        var leadsView = await app.SendAsync(new GetPersonPage(person.Id), lead);
        app.Clock.Advance(TimeSpan.FromHours(4).Add(TimeSpan.FromSeconds(1)));
        var expired = await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new GetPersonPage(person.Id), stranger));

        Assert.Equal(["Enter why you need to open this record now"], noReason.Errors["Reason"]);
        Assert.Equal(grant.GrantedAt.AddHours(4), grant.ExpiresAt);
        Assert.Equal(person.Id, page.Person.Id);
        Assert.False(page.CanSeeAccessLog);
        Assert.Empty(page.EmergencyAccesses);
        var shown = Assert.Single(leadsView.EmergencyAccesses);
        Assert.Equal((stranger.UserId!.Value.Value, "Police called: welfare concern out of hours, lead not reachable"), (shown.WorkerId, shown.Reason));
        var audit = await AuditOfAsync(person.Id);
        Assert.Contains(audit, a => a.Action == AuditAction.BrokeGlass && a.UserId == stranger.UserId && a.Reason!.StartsWith("Police called", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditAction.Read && a.UserId == stranger.UserId && a.Reason is not null);
        Assert.NotNull(expired);
    }

    [Fact]
    public async Task BreakingTheGlass_ForSomeoneYouCanAlreadySee_IsNotNeeded()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);

        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new BreakGlass(person.Id, "Just because"), lead));
    }

    [Fact]
    public async Task TheTeamLeadOfTheLeadWorkersTeam_CanSeeTheRecord_ButAnotherTeamsLeadCannot()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(teamLead);
        var otherLead = await app.CreateUserAsync(Roles.TeamLead);
        var person = await PeopleMaker.AddAsync(app, worker);

        var page = await app.SendAsync(new GetPersonPage(person.Id), teamLead);

        Assert.True(page.CanSeeAccessLog);
        await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new GetPersonPage(person.Id), otherLead));
    }

    [Fact]
    public async Task WhoHasSeenTheRecord_IsForTheLeadWorkerAndTheirTeamLead_AndListsEveryLook()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var lead = await app.CreateWorkerInTeamOfAsync(teamLead);
        var colleague = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        await app.SendAsync(new AddTeamMember(person.Id, colleague.UserId!.Value.Value, null), lead);
        await app.SendAsync(new GetPersonPage(person.Id), colleague);
        await app.SendAsync(new FindPeople(Name: person.FamilyName), colleague);

        var log = await app.SendAsync(new GetPersonAccessLog(person.Id), lead);
        var asTeamLead = await app.SendAsync(new GetPersonAccessLog(person.Id), teamLead);

        var colleagueName = await app.WithDbAsync(db => db.StaffMembers.Where(s => s.Id == colleague.UserId!.Value).Select(s => s.DisplayName).SingleAsync());
        Assert.Contains(log.Entries, e => e.WhoName == colleagueName && e.Action == "Looked at" && e.Request == nameof(GetPersonPage));
        Assert.Contains(log.Entries, e => e.Action == "Saw in a list" && e.Request == nameof(FindPeople));
        Assert.Contains(log.Entries, e => e.Action == "Changed or added to" && e.Request == nameof(AddPerson));
        Assert.Equal(log.Entries.Count + 1, asTeamLead.Entries.Count);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetPersonAccessLog(person.Id), colleague));
    }

    [Fact]
    public async Task AuditRecords_CannotBeChangedOrDeleted_ThroughTheApplicationsConnection_NorByTheirOwner()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        await app.SendAsync(new GetPersonPage(person.Id), lead);

        var update = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE audit_records SET request = 'nothing to see' WHERE person_id = {person.Id}")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM audit_records WHERE person_id = {person.Id}")));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_records")));

        Assert.All(new[] { update, delete, truncate }, e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));

        // Even the tables' owner, who may do anything else to them, is refused by their triggers.
        await using var owner = new NpgsqlConnection(app.Database.OwnerConnectionString);
        await owner.OpenAsync();
        foreach (var sql in new[] { $"UPDATE audit_records SET request = 'nothing to see' WHERE person_id = '{person.Id}'", $"DELETE FROM audit_records WHERE person_id = '{person.Id}'", "TRUNCATE audit_records" })
        {
            await using var command = new NpgsqlCommand(sql, owner);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("only ever added", refused.MessageText);
        }

        Assert.NotEmpty(await AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task AnAdministrator_CanSearchTheAuditByWhoAndWhose_ButCannotOpenARecord()
    {
        var admin = await app.CreateAdminAsync();
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        await app.SendAsync(new GetPersonPage(person.Id), lead);

        var byPerson = await app.SendAsync(new GetAuditRecords(PersonId: person.Id), admin);
        var byUser = await app.SendAsync(new GetAuditRecords(UserId: lead.UserId!.Value.Value, From: app.Clock.GetUtcNow().AddMinutes(-1)), admin);

        Assert.True(byPerson.Entries.Count >= 2);
        Assert.All(byUser.Entries, e => Assert.StartsWith("Worker ", e.WhoName));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetPersonPage(person.Id), admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetAuditRecords(), lead));
    }

    [Fact]
    public async Task APartnerWithoutSharing_IsToldThePersonDoesNotExist_ExactlyAsForSomeoneWhoDoesNot()
    {
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var partner = await app.CreateUserAsync(Roles.PartnerViewer, Domain.Organisations.AgencyKind.Police);
        var person = await PeopleMaker.AddAsync(app, lead);

        var real = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(new GetSharedPerson(person.Id), partner));
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(new GetSharedPerson(Guid.NewGuid()), partner));

        Assert.IsType<NotFoundException>(real);
        Assert.Equal((missing.GetType(), missing.Message), (real.GetType(), real.Message));
    }

    [Fact]
    public async Task EmergencyAccess_IsListedForTheTeamLeadToReview_AndTheReviewIsKept()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var lead = await app.CreateWorkerInTeamOfAsync(teamLead);
        var stranger = await app.CreateUserAsync(Roles.KeyWorker);
        var otherLead = await app.CreateUserAsync(Roles.TeamLead);
        var person = await PeopleMaker.AddAsync(app, lead);
        var grant = await app.SendAsync(new BreakGlass(person.Id, "Hospital asked for the next of kin"), stranger);

        var toReview = await app.SendAsync(new GetEmergencyAccessReview(), teamLead);
        var notTheirs = await app.SendAsync(new GetEmergencyAccessReview(), otherLead);
        var reviewed = await app.SendAsync(new ReviewEmergencyAccess(grant.Id, "Checked with the ward: appropriate"), teamLead);
        var after = await app.SendAsync(new GetEmergencyAccessReview(), teamLead);

        Assert.Contains(toReview, g => g.Id == grant.Id);
        Assert.DoesNotContain(notTheirs, g => g.Id == grant.Id);
        Assert.Equal("Checked with the ward: appropriate", reviewed.ReviewNote);
        Assert.DoesNotContain(after, g => g.Id == grant.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReviewEmergencyAccess(grant.Id, "again"), otherLead));
    }

    [Fact]
    public async Task PeopleWithNoContactForEightYears_AreListedForReview_AndNothingIsDeleted()
    {
        var admin = await app.CreateAdminAsync();
        var lead = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, lead);
        var before = await app.SendAsync(new GetRetentionReview(), admin);
        app.Clock.Advance(TimeSpan.FromDays((365 * 8) + 3));

        var after = await app.SendAsync(new GetRetentionReview(), admin);

        Assert.DoesNotContain(before.People, p => p.PersonId == person.Id);
        Assert.Contains(after.People, p => p.PersonId == person.Id);
        Assert.Equal(8, after.Years);
        Assert.True(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Id == new PersonId(person.Id))));
    }

    private Task<List<AuditRecord>> AuditOfAsync(Guid person) =>
        app.WithDbAsync(db => db.AuditRecords.Where(a => a.PersonId == new PersonId(person)).ToListAsync());
}
