using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

internal sealed class CreateAgencyValidator : AbstractValidator<CreateAgency>
{
    public CreateAgencyValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Name)
            .RequiredText("a name", Agency.NameMaxLength)
            .MustAsync(async (name, ct) => !await db.Agencies.AnyAsync(a => a.Name.ToLower() == name!.Trim().ToLower(), ct))
            .WithMessage("There is already an agency with this name");
        RuleFor(x => x.Kind).KnownValue("what kind of agency this is");
    }
}
