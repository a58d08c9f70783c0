using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>Plan steps due within the week, or overdue, for the people a worker leads: for My day.</summary>
internal static class DaySteps
{
    public static async Task<IReadOnlyList<DayStepDto>> ForAsync(IApplicationDbContext db, IReadOnlyDictionary<Guid, string> people, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = people.Keys.Select(k => new PersonId(k)).ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => ids.Contains(p.PersonId)).ToListAsync(cancellationToken);
        return plans
            .SelectMany(p => p.Content.Goals.SelectMany(g => g.Steps
                .Where(s => PlanQueries.IsOpen(s) && s.DueOn is { } due && due <= today.AddDays(7))
                .Select(s => new DayStepDto(p.PersonId.Value, people[p.PersonId.Value], g.Text, s.Description, s.Owner.Name, s.DueOn!.Value, s.DueOn < today))))
            .OrderBy(s => s.DueOn)
            .ToList();
    }
}
