using Locality.Domain.Access;

namespace Locality.Application.Access;

public static class SectionNames
{
    public const string WholeRecord = "Whole record";

    public static string Name(RecordSection section) => section switch
    {
        RecordSection.IdentityAndContact => "Identity and contact",
        RecordSection.Timeline => "Conversation timeline",
        RecordSection.StrengthsAndPlan => "Strengths and plan",
        RecordSection.ChaosIndexRatings => "Chaos Index ratings",
        RecordSection.DemandEvents => "Demand events",
        RecordSection.HealthEntries => "Health-related entries",
        RecordSection.PoliceEntries => "Police-related entries",
        _ => section.ToString(),
    };

    public static string Describe(IEnumerable<RecordSection> sections)
    {
        var list = sections.ToList();
        return list.Count == Enum.GetValues<RecordSection>().Length ? WholeRecord : string.Join(", ", list.Select(Name));
    }
}
