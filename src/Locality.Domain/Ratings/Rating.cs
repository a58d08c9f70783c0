using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.People;

namespace Locality.Domain.Ratings;

/// <summary>The step chosen for one domain, what it scored, and the worker's short note of why.</summary>
public sealed record RatingItem(string DomainKey, int Step, int Score, string? Evidence);

/// <summary>What a worker chose for one domain: a step (counted from 0, lowest score first) and why.</summary>
public sealed record DomainChoice(string DomainKey, int Step, string? Evidence);

/// <summary>
/// One rating of a person with an exact instrument version: a step and evidence per domain, who rated and when,
/// whether the person took part. The total is worked out here from the instrument, never taken from a client.
/// Ratings are only ever added.
/// </summary>
public sealed class Rating : IAppendOnly
{
    public const int EvidenceMaxLength = 1000;

    private Rating()
    {
        Items = [];
    }

    private Rating(PersonId person, InstrumentVersion version, DateOnly ratedOn, bool tookPart, IReadOnlyList<RatingItem> items, Author author, DateTimeOffset now)
    {
        Id = RatingId.New();
        PersonId = person;
        InstrumentId = version.InstrumentId;
        InstrumentVersionId = version.Id;
        RatedOn = ratedOn;
        PersonTookPart = tookPart;
        Items = items;
        Total = items.Sum(i => i.Score);
        RatedBy = author.UserId;
        RatedByAgency = author.AgencyId;
        RecordedAt = now;
    }

    public RatingId Id { get; private set; }
    public PersonId PersonId { get; private set; }
    public InstrumentId InstrumentId { get; private set; }
    public InstrumentVersionId InstrumentVersionId { get; private set; }
    public DateOnly RatedOn { get; private set; }
    public bool PersonTookPart { get; private set; }
    public IReadOnlyList<RatingItem> Items { get; private set; }
    public int Total { get; private set; }
    public Organisations.UserId? RatedBy { get; private set; }
    public Organisations.AgencyId? RatedByAgency { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Scores every domain of the version from the steps chosen. Every domain must be rated, once.</summary>
    public static Rating Record(
        PersonId person, InstrumentVersion version, DateOnly ratedOn, bool tookPart, IReadOnlyList<DomainChoice> choices, Author author, Moment moment)
    {
        if (version.RetiredAt is not null)
        {
            throw new BusinessRuleException("That version of the instrument is retired; rate with the current one.");
        }

        if (ratedOn > moment.Today)
        {
            throw new BusinessRuleException("A rating cannot be dated in the future.");
        }

        var byKey = choices.GroupBy(c => c.DomainKey, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var unknown = byKey.Keys.FirstOrDefault(k => !version.Definition.Domains.Any(d => string.Equals(d.Key, k, StringComparison.OrdinalIgnoreCase)));
        if (unknown is not null)
        {
            throw new BusinessRuleException($"{unknown} is not a domain of {version.Definition.Name}.");
        }

        var items = new List<RatingItem>();
        foreach (var domain in version.Definition.Domains)
        {
            if (!byKey.TryGetValue(domain.Key, out var chosen) || chosen.Count != 1)
            {
                throw new BusinessRuleException($"Choose one step for {domain.Name}.");
            }

            var choice = chosen[0];
            if (choice.Step < 0 || choice.Step >= domain.Steps.Count)
            {
                throw new BusinessRuleException($"{domain.Name} has steps 0 to {domain.Steps.Count - 1}.");
            }

            var evidence = string.IsNullOrWhiteSpace(choice.Evidence) ? null : choice.Evidence.Trim();
            if (evidence?.Length > EvidenceMaxLength)
            {
                throw new BusinessRuleException($"The note for {domain.Name} must be {EvidenceMaxLength} characters or fewer.");
            }

            items.Add(new RatingItem(domain.Key, choice.Step, domain.Steps[choice.Step].Score, evidence));
        }

        return new Rating(person, version, ratedOn, tookPart, items, author, moment.Now);
    }
}

/// <summary>A person due to be rated again with an instrument, marked by the daily job; gone once they are rated.</summary>
public sealed class RatingDue
{
    private RatingDue()
    {
    }

    public RatingDue(PersonId person, InstrumentId instrument, DateOnly dueOn, DateTimeOffset markedAt)
    {
        PersonId = person;
        InstrumentId = instrument;
        DueOn = dueOn;
        MarkedAt = markedAt;
    }

    public PersonId PersonId { get; private set; }
    public InstrumentId InstrumentId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTimeOffset MarkedAt { get; private set; }
}
