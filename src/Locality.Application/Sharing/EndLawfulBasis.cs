using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

/// <summary>Ends a lawful basis for sharing, from today. The record of it stays.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record EndLawfulBasis(Guid PersonId, Guid LawfulBasisId, uint Version) : IRequest<PersonSharingDto>, IChangesPerson;

internal sealed class EndLawfulBasisHandler(IApplicationDbContext db, TimeProvider clock, IPartnerSharing sharing) : IRequestHandler<EndLawfulBasis, PersonSharingDto>
{
    public async Task<PersonSharingDto> Handle(EndLawfulBasis request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var id = new LawfulBasisId(request.LawfulBasisId);
        var basis = await db.LawfulBases.SingleOrDefaultAsync(b => b.Id == id && b.PersonId == person, cancellationToken)
                    ?? throw new NotFoundException("Lawful basis");
        db.ExpectVersion(basis, request.Version);
        basis.End(clock.Now().Today.AddDays(-1) < basis.StartsOn ? basis.StartsOn : clock.Now().Today.AddDays(-1));
        await db.SaveChangesAsync(cancellationToken);
        return await SharingQueries.ForPersonAsync(db, sharing, clock, person, cancellationToken);
    }
}
