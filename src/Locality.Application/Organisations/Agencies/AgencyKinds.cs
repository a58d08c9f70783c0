using Locality.Domain.Organisations;

namespace Locality.Application.Organisations.Agencies;

public static class AgencyKinds
{
    public static string DisplayName(AgencyKind kind) => kind switch
    {
        AgencyKind.Council => "Council",
        AgencyKind.Police => "Police",
        AgencyKind.Health => "Health",
        AgencyKind.Housing => "Housing",
        AgencyKind.DomesticAbuseService => "Domestic abuse service",
        AgencyKind.VoluntarySector => "Voluntary sector",
        AgencyKind.Other => "Other",
        _ => kind.ToString(),
    };
}
