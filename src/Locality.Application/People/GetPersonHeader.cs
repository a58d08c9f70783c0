using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

/// <summary>Who a page is about, for the top of every page that records something about them. Safety notes travel with it.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.IdentityAndContact)]
public sealed record GetPersonHeader(Guid PersonId) : IRequest<PersonHeaderDto>, IReadsPerson;

public sealed record PersonHeaderDto(Guid Id, string KnownAs, string? SafetyNotes, int HandOffCount);

internal sealed class GetPersonHeaderHandler(IApplicationDbContext db) : IRequestHandler<GetPersonHeader, PersonHeaderDto>
{
    public async Task<PersonHeaderDto> Handle(GetPersonHeader request, CancellationToken cancellationToken)
    {
        var id = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        return await (
                from p in db.People.AsNoTracking()
                join c in db.Conversations on p.Id equals c.PersonId
                where p.Id == id
                select new PersonHeaderDto(p.Id.Value, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.SafetyNotes, c.HandOffCount))
            .SingleAsync(cancellationToken);
    }
}
