using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

/// <summary>The demand evidence for a locality, team, agency and type, over whole months (the last 12 unless chosen).</summary>
[AllowedFor(Roles.TeamLead)]
public sealed record GetDemandEvidence(
    Guid? LocalityId = null, Guid? TeamId = null, Guid? AgencyId = null, string? TypeCode = null, DateOnly? From = null, DateOnly? To = null, int Months = GetDemandEvidence.DefaultMonths)
    : IRequest<DemandEvidenceDto>
{
    /// <summary>How many months before and after a person's start the figures compare unless another window is chosen.</summary>
    public const int DefaultMonths = 3;
}

internal sealed class GetDemandEvidenceValidator : AbstractValidator<GetDemandEvidence>
{
    /// <summary>Months the evidence can cover: demand data reaches back decades at most, and far dates overflow the calendar.</summary>
    private static readonly DateOnly Earliest = new(1990, 1, 1);

    private static readonly DateOnly Latest = new(2100, 12, 31);

    public GetDemandEvidenceValidator()
    {
        RuleFor(x => x.Months).Must(m => m is 3 or 6 or 12).WithMessage("Compare 3, 6 or 12 months before and after");
        RuleFor(x => x.From).Must(InRange).WithMessage($"Choose a first month from {Earliest.Year} to {Latest.Year}");
        RuleFor(x => x.To).Must(InRange).WithMessage($"Choose a last month from {Earliest.Year} to {Latest.Year}");
        RuleFor(x => x.To).Must((r, to) => r.From is null || to is null || to >= r.From).WithMessage("The last month must be on or after the first");
        RuleFor(x => x.From).Must((r, from) => from is null || (r.To ?? from.Value).DayNumber - from.Value.DayNumber <= 3700)
            .WithMessage("Choose at most ten years");
    }

    private static bool InRange(DateOnly? day) => day is null || (day >= Earliest && day <= Latest);
}

internal sealed class GetDemandEvidenceHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IDemandTotals totals) : IRequestHandler<GetDemandEvidence, DemandEvidenceDto>
{
    public async Task<DemandEvidenceDto> Handle(GetDemandEvidence request, CancellationToken cancellationToken)
    {
        var today = UkCalendar.Now(clock).Today;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var from = FirstOfMonth(request.From ?? thisMonth.AddMonths(-11));
        var to = FirstOfMonth(request.To ?? thisMonth);
        var team = request.TeamId ?? (request.LocalityId is null ? user.TeamId?.Value : null);
        var locality = request.LocalityId;
        var money = await Money.LoadAsync(db, cancellationToken);

        var filter = new DemandFilter(from, to, locality, team, request.AgencyId, request.TypeCode);
        var months = new Dictionary<DateOnly, (long Value, long Failure, decimal ValueCost, decimal FailureCost)>();
        long appointments = 0, missed = 0;
        foreach (var total in await totals.MonthlyAsync(filter, cancellationToken))
        {
            appointments += total.Appointments;
            missed += total.Missed;
            var cost = total.Events * money.CostOf(total.TypeCode);
            var m = months.GetValueOrDefault(total.Month);
            months[total.Month] = total.Classification == DemandClass.Failure
                ? (m.Value, m.Failure + total.Events, m.ValueCost, m.FailureCost + cost)
                : (m.Value + total.Events, m.Failure, m.ValueCost + cost, m.FailureCost);
        }

        var top = await totals.TopAddressesAsync(filter, 10, cancellationToken);

        // Each address as it was last written, one key at a time: the newest event through the address index, where a
        // grouped query would sort every event at the busiest addresses (thousands each).
        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _) in top)
        {
            var a = await db.DemandEvents.AsNoTracking().Where(e => e.AddressKey == key).OrderByDescending(e => e.OccurredAt)
                .Select(e => new { e.AddressLine1, e.Postcode, e.Uprn }).FirstOrDefaultAsync(cancellationToken);
            if (a is not null)
            {
                addresses[key] = DemandEvent.DescribeAddress(a.AddressLine1, a.Postcode, a.Uprn);
            }
        }

        var beforeAfter = team is { } t ? await BeforeAfterAsync(new TeamId(t), request, today, money, cancellationToken) : null;
        var byMonth = new List<DemandMonthDto>();
        for (var month = from; month <= to; month = month.AddMonths(1))
        {
            var m = months.GetValueOrDefault(month);
            byMonth.Add(new DemandMonthDto(month, m.Value, m.Failure, money.Complete ? m.ValueCost : null, money.Complete ? m.FailureCost : null));
        }

        return new DemandEvidenceDto(
            from, to, locality, team, request.AgencyId, request.TypeCode, byMonth,
            byMonth.Sum(m => m.Value), byMonth.Sum(m => m.Failure),
            money.Complete ? byMonth.Sum(m => m.ValueCost ?? 0) : null, money.Complete ? byMonth.Sum(m => m.FailureCost ?? 0) : null,
            appointments, missed, top.Select(a => new RepeatAddressDto(a.Key, addresses.GetValueOrDefault(a.Key, a.Key), a.Events)).ToList(), beforeAfter,
            money.PriceBase, money.Source, money.Missing, money.NotValued);
    }

    private async Task<BeforeAfterDto> BeforeAfterAsync(
        TeamId team, GetDemandEvidence request, DateOnly today, Money money, CancellationToken cancellationToken)
    {
        // People counted: the team's people whose conversation began at least N months ago, so the months after are over.
        var cutoff = UkCalendar.InstantOf(today.AddMonths(-request.Months), null);
        var people = await (from c in db.Conversations.AsNoTracking()
                            join s in db.StaffMembers on c.LeadWorkerId equals s.Id
                            where s.TeamId == team
                            select new { c.PersonId, c.OpenedAt }).ToListAsync(cancellationToken);
        var counted = people.Where(p => p.OpenedAt <= cutoff).ToList();

        long failureBefore = 0, failureAfter = 0, valueBefore = 0, valueAfter = 0;
        decimal costBefore = 0, costAfter = 0;
        foreach (var total in await totals.BeforeAfterAsync(team, cutoff, request.Months, request.AgencyId, request.TypeCode, cancellationToken))
        {
            var cost = total.Events * money.CostOf(total.TypeCode);
            switch (total.After, total.Classification == DemandClass.Failure)
            {
                case (false, true): failureBefore += total.Events; costBefore += cost; break;
                case (true, true): failureAfter += total.Events; costAfter += cost; break;
                case (false, false): valueBefore += total.Events; break;
                default: valueAfter += total.Events; break;
            }
        }

        var serviceCost = await ServiceCostOfAsync(team, counted.Select(p => p.OpenedAt).ToList(), people.Select(p => p.OpenedAt).ToList(), request.Months, money, cancellationToken);
        decimal? saved = money.Complete && serviceCost is > 0 ? Math.Round((costBefore - costAfter) / serviceCost.Value, 2) : null;
        return new BeforeAfterDto(
            request.Months, counted.Count, people.Count - counted.Count, failureBefore, failureAfter, valueBefore, valueAfter,
            money.Complete ? costBefore : null, money.Complete ? costAfter : null, serviceCost, saved);
    }

    /// <summary>
    /// The share of the service's cost spent on the counted people in their months after starting: each month's cost
    /// (from the periods the team lead entered, by the days each covers) shared equally among the people whose
    /// conversations had begun by the end of that month.
    /// </summary>
    private async Task<decimal?> ServiceCostOfAsync(
        TeamId team, IReadOnlyList<DateTimeOffset> counted, IReadOnlyList<DateTimeOffset> everyone, int months, Money money, CancellationToken cancellationToken)
    {
        var periods = await db.ServiceCosts.AsNoTracking().Where(c => c.TeamId == team).ToListAsync(cancellationToken);
        if (periods.Count == 0 || counted.Count == 0 || !money.Complete)
        {
            return null;
        }

        var starts = everyone.Select(o => UkCalendar.DateOf(o)).OrderBy(d => d).ToList();
        var monthCost = new Dictionary<DateOnly, decimal>();
        decimal total = 0;
        foreach (var opened in counted.Select(UkCalendar.DateOf))
        {
            for (var i = 0; i < months; i++)
            {
                var month = FirstOfMonth(opened).AddMonths(i);
                if (!monthCost.TryGetValue(month, out var share))
                {
                    var end = month.AddMonths(1).AddDays(-1);
                    var cost = periods.Sum(p =>
                    {
                        var days = Math.Min(end.DayNumber, p.To.DayNumber) - Math.Max(month.DayNumber, p.From.DayNumber) + 1;
                        return days <= 0 ? 0 : p.Amount * days / p.Days * money.Uplift(p.PriceYear);
                    });
                    var open = starts.Count(d => d <= end);
                    share = open == 0 ? 0 : cost / open;
                    monthCost[month] = share;
                }

                total += share;
            }
        }

        return Math.Round(total, 2);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
