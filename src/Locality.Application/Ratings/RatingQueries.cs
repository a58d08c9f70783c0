using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.People;
using Locality.Domain.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Ratings;

internal static class RatingQueries
{
    public static InstrumentVersionDto ToDto(InstrumentVersion version, int ratings)
    {
        var definition = version.Definition;
        return new InstrumentVersionDto(
            version.Id.Value, version.Number, definition.Name, definition.Description, definition.Direction, definition.RerateEveryWeeks,
            definition.LowestTotal, definition.HighestTotal,
            definition.Domains.Select(d => new InstrumentDomainDto(d.Key, d.Name, d.Steps.Select((s, i) => new InstrumentStepDto(i, s.Label, s.Description, s.Score)).ToList())).ToList(),
            version.CreatedAt, version.RetiredAt, ratings);
    }

    public static async Task<InstrumentDto> InstrumentAsync(IApplicationDbContext db, InstrumentId id, CancellationToken cancellationToken)
    {
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                         ?? throw new NotFoundException("Instrument");
        return (await ToDtosAsync(db, [instrument], cancellationToken))[0];
    }

    public static async Task<IReadOnlyList<InstrumentDto>> ToDtosAsync(IApplicationDbContext db, IReadOnlyList<Instrument> instruments, CancellationToken cancellationToken)
    {
        var versionIds = instruments.SelectMany(i => i.Versions).Select(v => v.Id).ToList();
        var counts = await db.Ratings.AsNoTracking().Where(r => versionIds.Contains(r.InstrumentVersionId))
            .GroupBy(r => r.InstrumentVersionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return instruments
            .Select(i => new InstrumentDto(
                i.Id.Value, i.Key, i.Name, i.IsBuiltIn, i.RetiredAt, i.Version,
                i.Current is { } current ? ToDto(current, counts.GetValueOrDefault(current.Id)) : null,
                i.Versions.OrderByDescending(v => v.Number).Select(v => ToDto(v, counts.GetValueOrDefault(v.Id))).ToList()))
            .OrderByDescending(i => i.IsBuiltIn).ThenBy(i => i.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>Whether the latest total is better, about the same, or worse than the first, given which way is better.</summary>
    public static Trend TrendOf(int change, ScoreDirection direction, int stableWithin, int ratings) =>
        ratings < 2 ? Trend.NotYet
        : Math.Abs(change) <= stableWithin ? Trend.Stable
        : (change < 0) == (direction == ScoreDirection.HigherIsWorse) ? Trend.Improving
        : Trend.Worsening;

    public static async Task<PersonRatingsDto> ForPersonAsync(IApplicationDbContext db, PersonId person, int stableWithin, CancellationToken cancellationToken)
    {
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.PersonId == person)
            .OrderBy(r => r.RatedOn).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var instruments = await db.Instruments.AsNoTracking().ToListAsync(cancellationToken);
        var versions = instruments.SelectMany(i => i.Versions).ToDictionary(v => v.Id);
        var raters = ratings.Where(r => r.RatedBy is not null).Select(r => r.RatedBy!.Value).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => raters.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);

        var trends = new List<InstrumentTrendDto>();
        foreach (var group in ratings.GroupBy(r => r.InstrumentId))
        {
            var instrument = instruments.Single(i => i.Id == group.Key);
            var list = group.ToList();
            var first = list[0].Total;
            var dtos = list.Select(r =>
            {
                var definition = versions[r.InstrumentVersionId].Definition;
                var items = r.Items.Select(item =>
                {
                    var domain = definition.Domains.Single(d => d.Key == item.DomainKey);
                    return new RatingItemDto(item.DomainKey, domain.Name, item.Step, domain.Steps[item.Step].Label, item.Score, domain.Steps.Max(s => s.Score), item.Evidence);
                }).ToList();
                return new RatingDto(
                    r.Id.Value, r.InstrumentId.Value, r.InstrumentVersionId.Value, versions[r.InstrumentVersionId].Number, r.RatedOn, r.PersonTookPart,
                    r.RatedBy is { } by ? names.GetValueOrDefault(by) : null, r.Total, r == list[0] ? null : r.Total - first, items);
            }).ToList();
            var latestDefinition = versions[list[^1].InstrumentVersionId].Definition;
            var rerate = (instrument.Current?.Definition ?? latestDefinition).RerateEveryWeeks;
            var change = list.Count > 1 ? list[^1].Total - first : (int?)null;
            trends.Add(new InstrumentTrendDto(
                instrument.Id.Value, instrument.Name, latestDefinition.Direction, latestDefinition.LowestTotal, latestDefinition.HighestTotal, dtos,
                change, TrendOf(change ?? 0, latestDefinition.Direction, stableWithin, list.Count), list[^1].RatedOn.AddDays(7 * rerate)));
        }

        var canRate = instruments.Where(i => i.Current is not null).OrderByDescending(i => i.IsBuiltIn).ThenBy(i => i.Name)
            .Select(i => ToDto(i.Current!, 0)).ToList();
        return new PersonRatingsDto(person.Value, trends.OrderByDescending(t => t.InstrumentName == ChaosIndex.Definition.Name).ThenBy(t => t.InstrumentName).ToList(), canRate);
    }
}
