namespace Locality.Domain.Access;

/// <summary>The parts of a person's record that can be shared, or not, with a partner agency.</summary>
public enum RecordSection
{
    IdentityAndContact = 1,
    Timeline = 2,
    StrengthsAndPlan = 3,
    ChaosIndexRatings = 4,
    DemandEvents = 5,
    HealthEntries = 6,
    PoliceEntries = 7,
}
