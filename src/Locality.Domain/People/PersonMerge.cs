using Locality.Domain.Organisations;

namespace Locality.Domain.People;

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
        Id = Common.OrderedGuid.New();
        SurvivorId = survivor;
        MergedId = merged;
        Reason = Common.Guard.Text(reason, ReasonMaxLength, "The reason");
        MergedBy = by;
        MergedAt = at;
        EntriesMoved = entriesMoved;
    }

    public Guid Id { get; private set; }
    public PersonId SurvivorId { get; private set; }
    public PersonId MergedId { get; private set; }
    public string Reason { get; private set; }
    public UserId? MergedBy { get; private set; }
    public DateTimeOffset MergedAt { get; private set; }
    public int EntriesMoved { get; private set; }
}
