using Locality.Domain.Access;

namespace Locality.Application.Access;

internal enum AccessBasis
{
    None,

    /// <summary>In the team around the person: their lead key worker, another worker in it.</summary>
    TeamAroundPerson,

    /// <summary>Team lead of the lead key worker's team.</summary>
    TeamLead,

    /// <summary>Emergency access, with a reason, for a limited time.</summary>
    BreakGlass,

    /// <summary>A partner agency, through a sharing agreement and the person's consent or a lawful basis.</summary>
    Sharing,

    /// <summary>The service itself, running a scheduled job.</summary>
    System,
}

internal sealed record AccessDecision(AccessBasis Basis, IReadOnlySet<RecordSection> Sections, string? Reason = null, bool MayContribute = false)
{
    public static readonly IReadOnlySet<RecordSection> Everything = Enum.GetValues<RecordSection>().ToHashSet();

    public static readonly AccessDecision Refused = new(AccessBasis.None, new HashSet<RecordSection>());

    public bool Allowed => Basis != AccessBasis.None;

    public bool Covers(IEnumerable<RecordSection> sections) => sections.All(Sections.Contains);
}
