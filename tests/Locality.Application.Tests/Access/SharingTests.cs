using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Sharing;
using Locality.Application.Tests.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Access;

public sealed class SharingTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private static readonly RecordSection[] IdentityAndTimeline = [RecordSection.IdentityAndContact, RecordSection.Timeline];

    [Fact]
    public async Task APartner_SeesNoOne_UntilThereIsAnAgreementAndConsent_ThenOnlyWhatTheyMaySee()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);

        Assert.DoesNotContain(await app.SendAsync(new GetSharedPeople(), partner), p => p.Id == person.Id);
        await AgreeAsync(admin, partner, [RecordSection.IdentityAndContact]);
        Assert.DoesNotContain(await app.SendAsync(new GetSharedPeople(), partner), p => p.Id == person.Id);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, [partner.AgencyId!.Value.Value], null, ConsentMethod.Written), worker);

        var listed = await app.SendAsync(new GetSharedPeople(), partner);
        var seen = await app.SendAsync(new GetSharedPerson(person.Id), partner);

        Assert.Contains(listed, p => p.Id == person.Id);
        Assert.Equal(person.FamilyName, seen.Identity!.FamilyName);
        Assert.Equal([RecordSection.IdentityAndContact], seen.Sections);
        Assert.Null(seen.Timeline);
        Assert.Null(seen.State);
    }

    [Fact]
    public async Task WithdrawingConsent_TakesEffectOnTheNextRequest()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);
        await AgreeAsync(admin, partner, IdentityAndTimeline);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, null, null, ConsentMethod.Verbal), worker);
        await app.SendAsync(new GetSharedPerson(person.Id), partner);

        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Withdrawn, null, null, ConsentMethod.Verbal, Note: "Does not want the police told anything"), worker);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSharedPerson(person.Id), partner));
        Assert.DoesNotContain(await app.SendAsync(new GetSharedPeople(), partner), p => p.Id == person.Id);
        var sharing = await app.SendAsync(new GetPersonSharing(person.Id), worker);
        Assert.Equal([ConsentDecision.Withdrawn, ConsentDecision.Given], sharing.ConsentHistory.Select(c => c.Decision));
        Assert.Empty(sharing.Partners.Single(p => p.AgencyId == partner.AgencyId!.Value.Value).CanSee);
    }

    [Fact]
    public async Task ConsentForAnotherAgencyOnly_DoesNotShareWithThisOne()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);
        await AgreeAsync(admin, partner, IdentityAndTimeline);

        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, [admin.AgencyId!.Value.Value], null, ConsentMethod.Written), worker);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSharedPerson(person.Id), partner));
    }

    [Fact]
    public async Task AnExpiredAgreement_SharesNothing()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);
        var today = Common.Time.UkCalendar.Now(app.Clock).Today;
        await app.SendAsync(new SaveSharingAgreement(partner.AgencyId!.Value.Value, IdentityAndTimeline, true, today.AddYears(-2), today.AddDays(-1), "Ended", 0), admin);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, null, null, ConsentMethod.Written), worker);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSharedPerson(person.Id), partner));
        Assert.Empty(await app.SendAsync(new GetSharedPeople(), partner));
    }

    [Fact]
    public async Task ALawfulBasis_SharesWithoutConsent_AndTheLookIsAuditedWithIt()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);
        await AgreeAsync(admin, partner, IdentityAndTimeline);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Refused, null, null, ConsentMethod.Verbal), worker);

        await app.SendAsync(new RecordLawfulBasis(person.Id, partner.AgencyId!.Value.Value, LawfulBasisKind.Safeguarding, null,
            "Risk of serious harm from an ex-partner", "A Khan, safeguarding lead"), worker);
        var seen = await app.SendAsync(new GetSharedPerson(person.Id), partner);

        Assert.NotNull(seen.Timeline);
        var audit = await app.WithDbAsync(db => db.AuditRecords.Where(a => a.PersonId == new PersonId(person.Id) && a.UserId == partner.UserId).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.Read && a.Reason == "Lawful basis: Safeguarding");
    }

    [Fact]
    public async Task APartner_DoesNotSeeHealthEntries_UnlessTheirSharingCoversThem_NorRestrictedEntriesAtAll()
    {
        var (worker, partner, admin) = await CastAsync();
        var gp = await app.CreateUserAsync(Roles.KeyWorker, AgencyKind.Health);
        var person = await PeopleMaker.AddAsync(app, worker);
        await app.SendAsync(new AddTeamMember(person.Id, gp.UserId!.Value.Value, null), worker);
        await AgreeAsync(admin, partner, IdentityAndTimeline);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, null, null, ConsentMethod.Written), worker);
        await app.SendAsync(new AddNote(person.Id, "Everyday note"), worker);
        await app.SendAsync(new AddNote(person.Id, "Written by the practice nurse"), gp);
        var secret = (await app.SendAsync(new AddNote(person.Id, "Her new address is 4 Elm Close"), worker)).Single();
        await app.SendAsync(new RestrictEntry(person.Id, secret.Id, [], [], "Fleeing domestic abuse"), worker);

        var seen = await app.SendAsync(new GetSharedPerson(person.Id), partner);

        Assert.Contains(seen.Timeline!, e => e.Text == "Everyday note");
        Assert.DoesNotContain(seen.Timeline!, e => e.Text == "Written by the practice nurse");
        Assert.DoesNotContain(seen.Timeline!, e => e.Id == secret.Id);
    }

    [Fact]
    public async Task ARestrictedEntry_IsSeenOnlyByItsAuthorAndThoseNamed()
    {
        var (worker, _, _) = await CastAsync();
        var colleague = await app.CreateUserAsync(Roles.KeyWorker);
        var named = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        await app.SendAsync(new AddTeamMember(person.Id, colleague.UserId!.Value.Value, null), worker);
        await app.SendAsync(new AddTeamMember(person.Id, named.UserId!.Value.Value, null), worker);
        var secret = (await app.SendAsync(new AddNote(person.Id, "Refuge address"), worker)).Single();

        await app.SendAsync(new RestrictEntry(person.Id, secret.Id, null, [named.UserId!.Value.Value], "Only the DA specialist"), worker);

        Assert.Contains((await app.SendAsync(new GetTimeline(person.Id), worker)).Entries, e => e.Id == secret.Id);
        Assert.Contains((await app.SendAsync(new GetTimeline(person.Id), named)).Entries, e => e.Id == secret.Id);
        Assert.DoesNotContain((await app.SendAsync(new GetTimeline(person.Id), colleague)).Entries, e => e.Id == secret.Id);
        Assert.DoesNotContain((await app.SendAsync(new Application.People.GetPersonPage(person.Id), colleague)).Timeline.Entries, e => e.Id == secret.Id);

        await app.SendAsync(new LiftRestriction(person.Id, secret.Id), worker);
        Assert.Contains((await app.SendAsync(new GetTimeline(person.Id), colleague)).Entries, e => e.Id == secret.Id);
    }

    [Fact]
    public async Task APartner_CanContribute_OnlyWhereTheAgreementAllows_AndOnlyForPeopleSharedWithThem()
    {
        var (worker, partner, admin) = await CastAsync();
        var shared = await PeopleMaker.AddAsync(app, worker);
        var notShared = await PeopleMaker.AddAsync(app, worker);
        await AgreeAsync(admin, partner, IdentityAndTimeline, mayContribute: false);
        await app.SendAsync(new RecordConsent(shared.Id, ConsentDecision.Given, [partner.AgencyId!.Value.Value], null, ConsentMethod.Written), worker);

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new AddSharedContribution(shared.Id, "Attended a disturbance"), partner));
        await AgreeAsync(admin, partner, IdentityAndTimeline, mayContribute: true);
        var added = await app.SendAsync(new AddSharedContribution(shared.Id, "Attended a disturbance; no arrests"), partner);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new AddSharedContribution(notShared.Id, "Sneaky"), partner));

        Assert.Equal((EntryKind.PartnerContribution, partner.UserId!.Value.Value), (added.Kind, added.AuthorId!.Value));
        Assert.Contains((await app.SendAsync(new GetTimeline(shared.Id), worker)).Entries, e => e.Text == "Attended a disturbance; no arrests");
        Assert.DoesNotContain((await app.SendAsync(new GetTimeline(notShared.Id), worker)).Entries, e => e.Text == "Sneaky");
    }

    [Fact]
    public async Task SharingAgreements_AreVersioned_AndTwoAdminsCannotOverwriteEachOther()
    {
        var (_, partner, admin) = await CastAsync();
        var first = await AgreeAsync(admin, partner, [RecordSection.IdentityAndContact]);

        var second = await app.SendAsync(new SaveSharingAgreement(
            partner.AgencyId!.Value.Value, IdentityAndTimeline, true, first.StartsOn, null, "Timeline added after the board meeting", first.Version), admin);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SaveSharingAgreement(
            partner.AgencyId!.Value.Value, [RecordSection.DemandEvents], false, first.StartsOn, null, null, first.Version), admin));
        var noSections = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new SaveSharingAgreement(
            partner.AgencyId!.Value.Value, [], false, first.StartsOn, null, null, second.Version), admin));

        Assert.Equal(2, second.Number);
        Assert.Equal([2, 1], second.Versions.Select(v => v.Number));
        Assert.Equal([RecordSection.IdentityAndContact], second.Versions[1].Sections);
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        Assert.Equal(["Select at least one part of the record to share"], noSections.Errors["Sections"]);
    }

    [Fact]
    public async Task APartner_SeesTheStrengthsAndPlan_OrTheRatings_OnlyWhenTheirSharingCoversThem()
    {
        var (worker, partner, admin) = await CastAsync();
        var person = await PeopleMaker.AddAsync(app, worker);
        await AgreeAsync(admin, partner, [RecordSection.IdentityAndContact, RecordSection.Timeline, RecordSection.StrengthsAndPlan]);
        await app.SendAsync(new RecordConsent(person.Id, ConsentDecision.Given, null, null, ConsentMethod.Verbal), worker);
        await app.SendAsync(new Application.Plans.AddStrength(person.Id, Domain.Plans.StrengthKind.Skill, "Fixes bikes", "She said"), worker);
        await app.SendAsync(new Application.Plans.AddGoal(person.Id, "I want to keep my flat", 0), worker);
        var chaos = (await app.SendAsync(new Application.Ratings.GetInstruments(), worker)).Single(i => i.IsBuiltIn).Id;
        await app.SendAsync(new Application.Ratings.RecordRating(person.Id, chaos, Common.Time.UkCalendar.Now(app.Clock).Today, true,
            Domain.Ratings.ChaosIndex.Definition.Domains.Select(d => new Application.Ratings.RatingChoice(d.Key, 1, null)).ToList()), worker);

        var withPlan = await app.SendAsync(new GetSharedPerson(person.Id), partner);
        await AgreeAsync(admin, partner, [RecordSection.IdentityAndContact, RecordSection.Timeline, RecordSection.ChaosIndexRatings]);
        var withRatings = await app.SendAsync(new GetSharedPerson(person.Id), partner);

        Assert.Equal(["Fixes bikes"], withPlan.Plan!.Strengths.Select(s => s.Text));
        Assert.Equal(["I want to keep my flat"], withPlan.Plan.Goals.Select(g => g.Text));
        Assert.Empty(withPlan.Plan.History);
        Assert.All(withPlan.Plan.Strengths, s => Assert.Null(s.RecordedByName));
        Assert.Null(withPlan.Ratings);
        Assert.DoesNotContain(withPlan.Timeline!, e => e.Kind == Domain.Conversations.EntryKind.Rated);
        Assert.Contains(withPlan.Timeline!, e => e.Kind == Domain.Conversations.EntryKind.PlanChanged);
        Assert.Null(withRatings.Plan);
        var rating = Assert.Single(withRatings.Ratings!).Ratings.Single();
        Assert.Equal(12, rating.Total);
        Assert.Null(rating.RatedByName);
        Assert.DoesNotContain(withRatings.Timeline!, e => e.Kind is Domain.Conversations.EntryKind.PlanChanged or Domain.Conversations.EntryKind.StrengthRecorded);
        Assert.Contains(withRatings.Timeline!, e => e.Kind == Domain.Conversations.EntryKind.Rated);
    }

    private async Task<SharingAgreementDto> AgreeAsync(TestCurrentUser admin, TestCurrentUser partner, RecordSection[] sections, bool mayContribute = true)
    {
        var current = await app.SendAsync(new GetSharingAgreement(partner.AgencyId!.Value.Value), admin);
        return await app.SendAsync(new SaveSharingAgreement(
            partner.AgencyId!.Value.Value, sections, mayContribute, Common.Time.UkCalendar.Now(app.Clock).Today.AddDays(-30), null, null, current.Version), admin);
    }

    private async Task<(TestCurrentUser Worker, TestCurrentUser Partner, TestCurrentUser Admin)> CastAsync() => (
        await app.CreateUserAsync(Roles.KeyWorker),
        await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police),
        await app.CreateAdminAsync());
}
