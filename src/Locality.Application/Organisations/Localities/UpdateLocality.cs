using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record UpdateLocality(Guid Id, string Name, uint Version) : IRequest<LocalityDto>, ILocalityFields;

internal sealed class UpdateLocalityValidator : AbstractValidator<UpdateLocality>
{
    public UpdateLocalityValidator(IApplicationDbContext db) => this.AddLocalityRules(db, x => x.Id);
}

internal sealed class UpdateLocalityHandler(IApplicationDbContext db) : IRequestHandler<UpdateLocality, LocalityDto>
{
    public async Task<LocalityDto> Handle(UpdateLocality request, CancellationToken cancellationToken)
    {
        var id = new LocalityId(request.Id);
        var locality = await db.Localities.SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Locality");
        db.ExpectVersion(locality, request.Version);
        locality.Rename(request.Name);
        await db.SaveChangesAsync(cancellationToken);
        return await LocalityQueries.GetAsync(db, id, cancellationToken);
    }
}
