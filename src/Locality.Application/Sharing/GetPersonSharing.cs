using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;

namespace Locality.Application.Sharing;

/// <summary>What each partner agency can see of this person now and why, with the history of their consent decisions.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record GetPersonSharing(Guid PersonId) : IRequest<PersonSharingDto>, IReadsPerson;

internal sealed class GetPersonSharingHandler(IApplicationDbContext db, IPartnerSharing sharing, TimeProvider clock) : IRequestHandler<GetPersonSharing, PersonSharingDto>
{
    public async Task<PersonSharingDto> Handle(GetPersonSharing request, CancellationToken cancellationToken) =>
        await SharingQueries.ForPersonAsync(db, sharing, clock, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), cancellationToken);
}
