using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

/// <summary>The fields an agency is made of, checked the same way when it is created and when it is changed.</summary>
internal interface IAgencyFields
{
    string Name { get; }
    AgencyKind Kind { get; }
}

internal static class AgencyRules
{
    /// <param name="ownId">The agency being changed, whose own name is not a clash; none when creating one.</param>
    public static void AddAgencyRules<T>(this AbstractValidator<T> validator, IApplicationDbContext db, Func<T, Guid>? ownId = null)
        where T : IAgencyFields
    {
        validator.RuleFor(x => x.Name)
            .RequiredText("a name", Agency.NameMaxLength)
            .MustAsync(async (request, name, ct) =>
            {
                var others = db.Agencies.AsQueryable();
                if (ownId is not null)
                {
                    var own = new AgencyId(ownId(request));
                    others = others.Where(a => a.Id != own);
                }

                return !await others.AnyAsync(a => a.Name.ToLower() == name!.Trim().ToLower(), ct);
            })
            .WithMessage("There is already an agency with this name");
        validator.RuleFor(x => x.Kind).KnownValue("what kind of agency this is");
    }
}
