using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Demand;
using Locality.Application.Tests.People;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.Demand;

/// <summary>The demand page's figures on a small team whose every number is worked out by hand below.</summary>
public sealed class DemandEvidenceTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task BeforeAndAfter_CountsAndMoney_AndTheSavedPerPoundRatio_AreWhatTheyShouldBe()
    {
        var admin = await app.CreateAdminAsync();
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var worker = await app.CreateWorkerInTeamOfAsync(lead);
        var police = (await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police)).AgencyId!.Value.Value;
        var health = (await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Health)).AgencyId!.Value.Value;

        // Money: a police call-out costs £400 in 2010/11 prices; index 80 then, 100 in the price base 2025/26, so £500.
        // Nothing else is valued. GP appointments are counted, not valued.
        foreach (var type in (await app.SendAsync(new GetCostSettings(), admin)).Types)
        {
            await app.SendAsync(new ValueDemandType(type.Code, null), admin);
        }

        await app.SendAsync(new SaveUnitCost("TEST-PC", "A police call-out (test)", "Per incident", 400m, "Police", "2010/11", 0), admin);
        await app.SendAsync(new ValueDemandType("police-call-out", "TEST-PC"), admin);
        await app.SendAsync(new SavePriceIndex("2010/11", 80m, "Test series", 0), admin);
        await app.SendAsync(new SavePriceIndex("2025/26", 100m, "Test series", 0), admin);
        await app.SendAsync(new ChoosePriceBase("2025/26"), admin);

        // The service cost £36,500 over 2026 (365 days): £100 a day, in 2025/26 prices (uprated by 1).
        await app.SendAsync(new RecordServiceCost(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 36_500m, "2025/26", "Test year"), lead);

        // Ann's conversation began at noon on 15 January 2026; Bob's 20 days ago (too recent for 3 months after).
        var ann = await PeopleMaker.AddAsync(app, worker);
        var bob = await PeopleMaker.AddAsync(app, worker);
        var annStart = new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);
        await app.WithDbAsync(db => db.Conversations.Where(c => c.PersonId == new Locality.Domain.People.PersonId(ann.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenedAt, annStart)));
        await app.WithDbAsync(db => db.Conversations.Where(c => c.PersonId == new Locality.Domain.People.PersonId(bob.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenedAt, app.Clock.GetUtcNow().AddDays(-20))));

        // Before (15 Oct 2025 to 15 Jan 2026): three failure call-outs, one before the window (not counted).
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2025, 9, 30, 12, 0, 0, TimeSpan.Zero), worker);
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero), worker);
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero), worker);
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), worker);

        // After (15 Jan to 15 Apr 2026): one failure call-out and one GP appointment kept (value); one call-out in June (not counted).
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero), worker);
        await app.SendAsync(new RecordDemandEvent(ann.Id, "gp-appointment", health, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), null, null, null, null,
            DemandClass.Value, null, 5), worker);
        await CallOutAsync(ann.Id, police, new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), worker);

        // Bob: a missed appointment (code 3) in March 2026; his own months are not counted before and after.
        await app.SendAsync(new RecordDemandEvent(bob.Id, "gp-appointment", health, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), null, null, null, null,
            DemandClass.Failure, "DNA", 3), worker);

        var evidence = await app.SendAsync(new GetDemandEvidence(TeamId: lead.TeamId!.Value.Value, From: new DateOnly(2025, 11, 1), To: new DateOnly(2026, 6, 1)), lead);

        var b = evidence.BeforeAfter!;
        Assert.Equal((1, 1), (b.People, b.PeopleTooRecent));
        Assert.Equal((3L, 1L, 0L, 1L), (b.FailureBefore, b.FailureAfter, b.ValueBefore, b.ValueAfter));
        Assert.Equal((1500m, 500m), (b.FailureCostBefore, b.FailureCostAfter));

        // Ann's months after: January (31 days), February (28) and March (31) 2026 at £100 a day, each month hers alone
        // (Bob had not begun): £9,000. Avoided £1,500 - £500 = £1,000; £1,000 / £9,000 = 0.11.
        Assert.Equal(9000m, b.ServiceCost);
        Assert.Equal(0.11m, b.SavedPerPound);

        // By month, November 2025 to June 2026: failure call-outs in Nov, Dec, Jan, Feb, Jun and Bob's missed appointment
        // in March; Ann's kept appointment (value) in March. Money: £500 for each call-out, nothing for appointments.
        Assert.Equal(
            [(new DateOnly(2025, 11, 1), 0L, 1L, 500m), (new DateOnly(2025, 12, 1), 0L, 1L, 500m), (new DateOnly(2026, 1, 1), 0L, 1L, 500m),
             (new DateOnly(2026, 2, 1), 0L, 1L, 500m), (new DateOnly(2026, 3, 1), 1L, 1L, 0m), (new DateOnly(2026, 4, 1), 0L, 0L, 0m),
             (new DateOnly(2026, 5, 1), 0L, 0L, 0m), (new DateOnly(2026, 6, 1), 0L, 1L, 500m)],
            evidence.ByMonth.Select(m => (m.Month, m.Value, m.Failure, m.FailureCost!.Value)));
        Assert.Equal((1L, 6L, 2500m, 0m), (evidence.Value, evidence.Failure, evidence.FailureCost, evidence.ValueCost));

        // Appointments due: Ann's (5) and Bob's (3); missed: Bob's. 1 in 2.
        Assert.Equal((2L, 1L, 0.5m), (evidence.Appointments, evidence.Missed, evidence.MissedRate));
        Assert.Equal(("2025/26", "Test series"), (evidence.PriceBase, evidence.IndexSource));
        Assert.Empty(evidence.MissingIndices);

        // A kind of demand valued in a year with no index: money is withheld, and the page says which index to enter.
        await app.SendAsync(new SaveUnitCost("TEST-GP", "A GP appointment (test)", "Per appointment", 30m, "NHS", "2009/10", 0), admin);
        await app.SendAsync(new ValueDemandType("gp-appointment", "TEST-GP"), admin);
        var withheld = await app.SendAsync(new GetDemandEvidence(TeamId: lead.TeamId!.Value.Value), lead);
        Assert.Equal(["2009/10"], withheld.MissingIndices);
        Assert.Null(withheld.FailureCost);
        Assert.Null(withheld.BeforeAfter!.SavedPerPound);
    }

    [Fact]
    public async Task BadCostInput_IsRefusedFieldByField_AndOnlyAdministratorsChangeCosts()
    {
        var admin = await app.CreateAdminAsync();
        var lead = await app.CreateUserAsync(Roles.TeamLead);

        var index = await RefusedAsync(new SavePriceIndex("2024-2025", -1m, " ", 0), admin);
        var cost = await RefusedAsync(new SaveUnitCost("X1", "", "Per incident", -5m, "Police", "twenty ten", 0), admin);
        var service = await RefusedAsync(new RecordServiceCost(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1), null, "2026", null), lead);
        var valuation = await RefusedAsync(new ValueDemandType("police-call-out", "NO-SUCH-CODE"), admin);
        var evidence = await RefusedAsync(new GetDemandEvidence(Months: 5, From: new DateOnly(2026, 5, 1), To: new DateOnly(2026, 1, 1)), lead);

        Assert.Equal(["Enter the financial year like 2024/25"], index["Year"]);
        Assert.Equal(["The index must be more than 0"], index["Value"]);
        Assert.Equal(["Enter where the figure comes from"], index["Source"]);
        Assert.Equal(["Enter what it is the cost of"], cost["Description"]);
        Assert.Equal(["The cost cannot be negative"], cost["Cost"]);
        Assert.Equal(["Enter the price year like 2013/14"], cost["PriceYear"]);
        Assert.Equal(["The last day must be on or after the first"], service["To"]);
        Assert.Equal(["Enter what the service cost"], service["Amount"]);
        Assert.Equal(["Enter the price year like 2025/26"], service["PriceYear"]);
        Assert.Equal(["Enter the code of a unit cost in the table, such as HE4.0"], valuation["UnitCostCode"]);
        Assert.Equal(["Compare 3, 6 or 12 months before and after"], evidence["Months"]);
        Assert.Equal(["The last month must be on or after the first"], evidence["To"]);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new SavePriceIndex("2024/25", 99m, "Mine", 0), lead));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ValueDemandType("police-call-out", null), lead));
        Assert.False(await app.WithDbAsync(db => db.PriceIndices.AnyAsync(i => i.Year == "2024/25")));

        // The unit cost table is the GMCA v1.4 one, every entry, with its own price year.
        var ae = Assert.Single(await app.SendAsync(new GetUnitCosts("HE4.0 all scenarios"), admin));
        Assert.Equal(("A&E attendance (all scenarios)", 109.0m, "2011/12"), (ae.Description, ae.Cost, ae.PriceYear));
        Assert.Equal(674, await app.WithDbAsync(db => db.UnitCosts.CountAsync(c => !c.Code.StartsWith("TEST"))));
    }

    private Task CallOutAsync(Guid person, Guid police, DateTimeOffset at, TestCurrentUser worker) =>
        app.SendAsync(new RecordDemandEvent(person, "police-call-out", police, at, null, "WN1 1AA", "12 Mesnes Street", null, DemandClass.Failure, "REPEAT_CALLOUT", null), worker);

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync<T>(MediatR.IRequest<T> request, TestCurrentUser sender) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(request, sender))).Errors;
}
