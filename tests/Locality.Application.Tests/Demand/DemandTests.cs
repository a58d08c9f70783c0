using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Demand;
using Locality.Application.Tests.People;
using Locality.Domain.Conversations;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Application.Tests.Demand;

public sealed class DemandTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task DemandAWorkerHearsAbout_IsRecordedOnTheTimeline_AndAppointmentsCountAsMissedOnlyForCodes3And7()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var police = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);
        var health = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Health);
        var person = await PeopleMaker.AddAsync(app, worker);
        var when = app.Clock.GetUtcNow().AddDays(-3);

        await app.SendAsync(Demand(person.Id, "police-call-out", police, when) with { Uprn = "100012345678", Postcode = "wn1 1xx", AddressLine1 = "4 Mill Lane" }, worker);
        foreach (var code in new[] { 2, 3, 4, 5, 6, 7 })
        {
            await app.SendAsync(Demand(person.Id, "gp-appointment", health, when.AddHours(code)) with { AttendanceCode = code, Classification = code is 3 or 7 ? DemandClass.Failure : DemandClass.Value, FailureTypeCode = code is 3 or 7 ? "DNA" : null }, worker);
        }

        var events = await app.SendAsync(new GetPersonDemand(person.Id), worker);

        Assert.Equal(7, events.Count);
        Assert.Equal([3, 7], events.Where(e => e.IsMissedAppointment).Select(e => e.AttendanceCode!.Value).Order());
        var callOut = events.Single(e => e.TypeCode == "police-call-out");
        Assert.Equal(("WN1 1XX", "100012345678", DemandClass.Failure, "REPEAT_CALLOUT"), (callOut.Postcode, callOut.Uprn, callOut.Classification, callOut.FailureTypeCode));
        var timeline = await app.SendAsync(new GetTimeline(person.Id), worker);
        var lines = timeline.Entries.Where(e => e.Kind == EntryKind.DemandRecorded).ToList();
        Assert.Equal(7, lines.Count);
        Assert.Contains(lines, e => e.Text!.StartsWith("Police call-out", StringComparison.Ordinal) && e.Text.Contains("failure demand: repeat call-out"));
        Assert.Equal(2, lines.Count(e => e.Text!.Contains(", missed")));
    }

    [Fact]
    public async Task BadDemand_IsRefusedFieldByField_AndNothingIsRecorded()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var police = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);
        var person = await PeopleMaker.AddAsync(app, worker);
        var good = Demand(person.Id, "police-call-out", police, app.Clock.GetUtcNow().AddDays(-1));

        var errors = await RefusedAsync(good with
        {
            TypeCode = "alien-landing",
            AgencyId = Guid.NewGuid(),
            OccurredAt = app.Clock.GetUtcNow().AddDays(2),
            Uprn = "10001234567X",
            Postcode = "NOT A CODE",
        }, worker);
        var attendance = await RefusedAsync(good with { TypeCode = "gp-appointment", AttendanceCode = 9 }, worker);
        var noAttendance = await RefusedAsync(good with { TypeCode = "missed-appointment" }, worker);
        var failureWithoutKind = await RefusedAsync(good with { FailureTypeCode = null }, worker);

        Assert.Equal(["Choose a kind of demand from the list"], errors["TypeCode"]);
        Assert.Equal(["Choose an agency from the list"], errors["AgencyId"]);
        Assert.Equal(["The date must be today or in the past"], errors["OccurredAt"]);
        Assert.Equal(["A UPRN is up to 12 digits, with no letters"], errors["Uprn"]);
        Assert.Equal(["Enter a real postcode, like WN1 1XX"], errors["Postcode"]);
        Assert.Equal(["An attendance code is 0 to 7"], attendance["AttendanceCode"]);
        Assert.Equal(["Choose whether they attended (the attendance code)"], noAttendance["AttendanceCode"]);
        Assert.Equal(["Say what kind of failure demand it was"], failureWithoutKind["FailureTypeCode"]);
        Assert.Empty(await app.SendAsync(new GetPersonDemand(person.Id), worker));
    }

    [Fact]
    public async Task ATeamLead_Reclassifies_WithAReason_TheChangeIsKept_AndCannotBeRewritten()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(teamLead);
        var otherLead = await app.CreateUserAsync(Roles.TeamLead);
        var police = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);
        var person = await PeopleMaker.AddAsync(app, worker);
        var recorded = await app.SendAsync(Demand(person.Id, "police-call-out", police, app.Clock.GetUtcNow().AddDays(-1)), worker);
        var id = recorded.Single().Id;

        var noReason = await RefusedAsync(new ReclassifyDemandEvent(person.Id, id, DemandClass.Value, null, " ", recorded.Single().Version), teamLead);
        var changed = await app.SendAsync(new ReclassifyDemandEvent(person.Id, id, DemandClass.Value, null, "The first call about a new worry: the service doing its job", recorded.Single().Version), teamLead);
        await Assert.ThrowsAsync<BreakGlassRequiredException>(() => app.SendAsync(new ReclassifyDemandEvent(person.Id, id, DemandClass.Failure, "CHASE", "Looks like chasing", changed.Version), otherLead));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ReclassifyDemandEvent(person.Id, id, DemandClass.Failure, "CHASE", "Looks like chasing", changed.Version), worker));
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ReclassifyDemandEvent(person.Id, id, DemandClass.Failure, "CHASE", "Looks like chasing", recorded.Single().Version), teamLead));
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        var otherPerson = await PeopleMaker.AddAsync(app, worker);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReclassifyDemandEvent(otherPerson.Id, id, DemandClass.Failure, "CHASE", "Another person's id with this event", changed.Version), teamLead));

        Assert.Equal(["Enter why it is being reclassified"], noReason["Reason"]);
        Assert.Equal((DemandClass.Value, null), (changed.Classification, changed.FailureTypeCode));
        var change = Assert.Single(changed.Reclassifications);
        Assert.Equal((DemandClass.Failure, "REPEAT_CALLOUT", DemandClass.Value), (change.From, change.FromFailureType, change.To));
        await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM demand_reclassifications WHERE event_id = {id}")));
    }

    [Fact]
    public async Task RepeatCallOutsToAPersonOrAnAddress_AndRepeatedMissedAppointments_AreFlaggedForTheTeamLead_WithTheEventsBehindThem()
    {
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(teamLead);
        var police = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);
        var health = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Health);
        var often = await PeopleMaker.AddAsync(app, worker);
        var neighbourA = await PeopleMaker.AddAsync(app, worker);
        var neighbourB = await PeopleMaker.AddAsync(app, worker);
        var twice = await PeopleMaker.AddAsync(app, worker);
        var now = app.Clock.GetUtcNow();
        foreach (var days in new[] { 10, 50, 150 })
        {
            await app.SendAsync(Demand(often.Id, "police-call-out", police, now.AddDays(-days)), worker);
        }

        await app.SendAsync(Demand(often.Id, "police-call-out", police, now.AddDays(-300)), worker); // outside the 183 days
        var uprn = "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString();
        await app.SendAsync(Demand(neighbourA.Id, "asb-report", police, now.AddDays(-5)) with { Uprn = uprn }, worker);
        await app.SendAsync(Demand(neighbourA.Id, "police-call-out", police, now.AddDays(-20)) with { Uprn = uprn }, worker);
        await app.SendAsync(Demand(neighbourB.Id, "police-call-out", police, now.AddDays(-40)) with { Uprn = uprn }, worker);
        await app.SendAsync(Demand(twice.Id, "police-call-out", police, now.AddDays(-3)), worker);
        await app.SendAsync(Demand(twice.Id, "police-call-out", police, now.AddDays(-4)), worker);
        foreach (var (days, code) in new[] { (7, 3), (30, 7), (60, 5) })
        {
            await app.SendAsync(Demand(twice.Id, "gp-appointment", health, now.AddDays(-days)) with { AttendanceCode = code, Classification = DemandClass.Value, FailureTypeCode = null }, worker);
        }

        var repeats = await app.SendAsync(new GetRepeatDemand(), teamLead);

        var toPerson = Assert.Single(repeats, r => r.Kind == RepeatKind.CallOutsToAPerson);
        Assert.Equal((often.Id, 3), (toPerson.PersonId!.Value, toPerson.Events));
        Assert.Equal(3, toPerson.Behind.Count);
        var toAddress = Assert.Single(repeats, r => r.Kind == RepeatKind.CallOutsToAnAddress);
        Assert.Equal(3, toAddress.Events);
        Assert.Contains(uprn, toAddress.Address);
        Assert.Equal([neighbourA.Id, neighbourA.Id, neighbourB.Id], toAddress.Behind.Select(e => e.PersonId!.Value));
        var missed = Assert.Single(repeats, r => r.Kind == RepeatKind.MissedAppointments);
        Assert.Equal((twice.Id, 2), (missed.PersonId!.Value, missed.Events));
        Assert.DoesNotContain(repeats, r => r.PersonId == twice.Id && r.Kind == RepeatKind.CallOutsToAPerson);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetRepeatDemand(), worker));
    }

    private static RecordDemandEvent Demand(Guid person, string type, TestCurrentUser agencyOf, DateTimeOffset when) =>
        new(person, type, agencyOf.AgencyId!.Value.Value, when, null, null, null, null, DemandClass.Failure, "REPEAT_CALLOUT", null);

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync<T>(MediatR.IRequest<T> request, TestCurrentUser sender) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(request, sender))).Errors;
}
