using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Time;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

internal static class PlanQueries
{
    public static async Task<PlanDto> ForPersonAsync(IApplicationDbContext db, PersonId person, DateOnly today, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var who = await db.People.AsNoTracking().Where(p => p.Id == person)
            .Select(p => new { KnownAs = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.WhatMattersToMe })
            .SingleAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == person, cancellationToken);
        var versions = plan is null ? [] : await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == plan.Id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var strengths = await db.Strengths.AsNoTracking().Where(s => s.PersonId == person).OrderBy(s => s.RecordedAt).ToListAsync(cancellationToken);

        var content = plan?.Content ?? PlanContent.Empty;
        var number = plan?.Number ?? 0;
        if (asOf is { } day)
        {
            var endOfDay = UkCalendar.InstantOf(day.AddDays(1), TimeOnly.MinValue);
            var then = versions.FirstOrDefault(v => v.ChangedAt < endOfDay);
            content = then?.Content ?? PlanContent.Empty;
            number = then?.Number ?? 0;
            strengths = strengths.Where(s => s.RecordedAt < endOfDay && (s.SetAsideAt is null || s.SetAsideAt >= endOfDay)).ToList();
        }
        else
        {
            strengths = strengths.Where(s => s.SetAsideAt is null).ToList();
        }

        var connections = await (
                from c in db.Connections.AsNoTracking()
                join g in db.CommunityGroups on c.GroupId equals g.Id
                where c.PersonId == person && (asOf == null || c.SuggestedOn <= asOf)
                orderby c.SuggestedOn
                select new { c, g.Name })
            .ToListAsync(cancellationToken);
        var staff = versions.Select(v => v.ChangedBy).Concat(strengths.Select(s => s.RecordedBy)).Where(u => u is not null).Select(u => u!.Value).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => staff.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var reference = asOf ?? today;
        return new PlanDto(
            person.Value, who.KnownAs, who.WhatMattersToMe,
            strengths.Select(s => new StrengthDto(s.Id.Value, s.Kind, s.Text, s.NoticedBy, s.RecordedAt, s.RecordedBy is { } by ? names.GetValueOrDefault(by) : null)).ToList(),
            content.GoodLife,
            content.Goals.Select(g => new PlanGoalDto(g.Id.Value, g.Text, g.Steps.Select(s => new PlanStepDto(
                s.Id.Value, s.Description, s.Owner.Kind, s.Owner.Id, s.Owner.Name, s.DueOn, s.Status, s.StatusReason, s.Notes,
                IsOpen(s) && s.DueOn < reference)).ToList())).ToList(),
            content.Reviews.OrderByDescending(r => r.On).Select(r => new PlanReviewDto(r.On, r.WhoTookPart, r.WhatChanged)).ToList(),
            content.NextReviewOn, plan?.StartedOn, number, plan?.Version ?? 0, asOf,
            versions.Select(v => new PlanChangeDto(v.Number, v.ChangedAt, v.ChangedBy is { } by ? names.GetValueOrDefault(by) : null, v.Summary)).ToList(),
            connections.Select(x => new ConnectionDto(x.c.Id.Value, x.c.GroupId.Value, x.Name, x.c.SuggestedBy, x.c.SuggestedOn, x.c.Went, x.c.StillGoing, x.c.LastHeardOn, x.c.Version)).ToList());
    }

    public static bool IsOpen(PlanStep step) => step.Status is StepStatus.NotStarted or StepStatus.InProgress;
}
