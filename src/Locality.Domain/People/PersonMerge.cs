using Locality.Domain.Organisations;

namespace Locality.Domain.People;

public readonly record struct PersonMergeId(Guid Value)
{
    public static PersonMergeId New() => new(Common.OrderedGuid.New());
    public override string ToString() => Value.ToString();
}

/// <summary>The record of two records found to be the same person, merged: who did it, when, why, and what moved.</summary>
public sealed class PersonMerge : Common.IAppendOnly
{
    public const int ReasonMaxLength = 1000;

    private PersonMerge()
    {
        Reason = string.Empty;
    }

    public PersonMerge(PersonId survivor, PersonId merged, string reason, UserId? by, DateTimeOffset at, int entriesMoved)
    {
        Id = PersonMergeId.New();
        SurvivorId = survivor;
        MergedId = merged;
        Reason = Common.Guard.Text(reason, ReasonMaxLength, "The reason");
        MergedBy = by;
        MergedAt = at;
        EntriesMoved = entriesMoved;
    }

    public PersonMergeId Id { get; private set; }
    public PersonId SurvivorId { get; private set; }
    public PersonId MergedId { get; private set; }
    public string Reason { get; private set; }
    public UserId? MergedBy { get; private set; }
    public DateTimeOffset MergedAt { get; private set; }
    public int EntriesMoved { get; private set; }
}
