using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.Localities;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateLocality(string Name) : IRequest<LocalityDto>, ILocalityFields;

internal sealed class CreateLocalityValidator : AbstractValidator<CreateLocality>
{
    public CreateLocalityValidator(IApplicationDbContext db) => this.AddLocalityRules(db);
}

internal sealed class CreateLocalityHandler(IApplicationDbContext db) : IRequestHandler<CreateLocality, LocalityDto>
{
    public async Task<LocalityDto> Handle(CreateLocality request, CancellationToken cancellationToken)
    {
        var locality = new LocalityArea(LocalityId.New(), request.Name);
        db.Localities.Add(locality);
        await db.SaveChangesAsync(cancellationToken);
        return await LocalityQueries.GetAsync(db, locality.Id, cancellationToken);
    }
}
