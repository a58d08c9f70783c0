namespace Locality.Domain.Organisations;

public enum AgencyKind
{
    Council = 1,
    Police = 2,
    Health = 3,
    Housing = 4,
    DomesticAbuseService = 5,
    VoluntarySector = 6,
    Other = 7,
}
