using Locality.Application.Conversations;
using Locality.Application.Demand;

namespace Locality.Web.Models;

/// <summary>A team lead's home: the team's day, the repeat demand among their people, the demand headline and who is passed on most.</summary>
public sealed record TeamPageModel(TeamDayDto Day, IReadOnlyList<PassedOnDto> PassedOn, IReadOnlyList<RepeatDemandDto> RepeatDemand, DemandEvidenceDto Demand)
{
    /// <summary>How many of a list the home shows before pointing to where the rest are.</summary>
    public const int Shown = 5;
}
