using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.ApiKeys;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency whose system will use the key")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct))
            .WithMessage("Select an agency from the list");
        RuleFor(x => x.Name).RequiredText("a name for the key, such as the system that will use it", PartnerApiKey.NameMaxLength);
    }
}
