using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

[AllowedFor(Roles.Admin)]
public sealed record CreateLocality(string Name) : IRequest<LocalityDto>;

internal sealed class CreateLocalityValidator : AbstractValidator<CreateLocality>
{
    public CreateLocalityValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Name)
            .RequiredText("a name", LocalityArea.NameMaxLength)
            .MustAsync(async (name, ct) => !await db.Localities.AnyAsync(l => l.Name.ToLower() == name!.Trim().ToLower(), ct))
            .WithMessage("There is already a locality with this name");
    }
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
