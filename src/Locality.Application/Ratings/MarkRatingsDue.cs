using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Ratings;

/// <summary>
/// The daily check: marks each person due to be rated again with an instrument (their latest rating is as old as
/// the instrument's re-rating interval), so it shows in their lead worker's day until they are rated.
/// </summary>
[AllowedFor(Roles.System, Roles.Admin)]
[AsksForRecentSecondFactor(Roles.Admin)]
public sealed record MarkRatingsDue : IRequest<int>;

internal sealed class MarkRatingsDueHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<MarkRatingsDue, int>
{
    public async Task<int> Handle(MarkRatingsDue request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var instruments = await db.Instruments.AsNoTracking().Where(i => i.RetiredAt == null).ToListAsync(cancellationToken);
        var marked = 0;
        foreach (var instrument in instruments.Where(i => i.Current is not null))
        {
            var ratedBefore = moment.Today.AddDays(-7 * instrument.Current!.Definition.RerateEveryWeeks);
            var due = await db.Ratings.AsNoTracking()
                .Where(r => r.InstrumentId == instrument.Id)
                .GroupBy(r => r.PersonId)
                .Select(g => new { PersonId = g.Key, Latest = g.Max(r => r.RatedOn) })
                .Where(g => g.Latest <= ratedBefore)
                .Where(g => !db.RatingsDue.Any(d => d.PersonId == g.PersonId && d.InstrumentId == instrument.Id))
                .Where(g => !db.People.Any(p => p.Id == g.PersonId && p.MergedIntoId != null))
                .ToListAsync(cancellationToken);
            foreach (var person in due)
            {
                db.RatingsDue.Add(new RatingDue(person.PersonId, instrument.Id, person.Latest.AddDays(7 * instrument.Current.Definition.RerateEveryWeeks), moment.Now));
            }

            marked += due.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        return marked;
    }
}
