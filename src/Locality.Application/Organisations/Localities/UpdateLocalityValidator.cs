using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

internal sealed class UpdateLocalityValidator : AbstractValidator<UpdateLocality>
{
    public UpdateLocalityValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Name)
            .RequiredText("a name", LocalityArea.NameMaxLength)
            .MustAsync(async (request, name, ct) => !await db.Localities.AnyAsync(
                l => l.Id != new LocalityId(request.Id) && l.Name.ToLower() == name!.Trim().ToLower(), ct))
            .WithMessage("There is already a locality with this name");
    }
}
