using Locality.Domain.Organisations;
using Locality.Domain.People;

namespace Locality.Application.Access;

/// <summary>What a partner agency may see of a person: its sharing agreement, with the person's consent or a lawful basis.</summary>
internal interface IPartnerSharing
{
    Task<AccessDecision> DecideAsync(PersonId person, AgencyId agency, CancellationToken cancellationToken);
}
