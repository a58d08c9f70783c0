using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Localities;

/// <summary>The fields a locality is made of, checked the same way when it is created and when it is changed.</summary>
internal interface ILocalityFields
{
    string Name { get; }
}

internal static class LocalityRules
{
    /// <param name="ownId">The locality being changed, whose own name is not a clash; none when creating one.</param>
    public static void AddLocalityRules<T>(this AbstractValidator<T> validator, IApplicationDbContext db, Func<T, Guid>? ownId = null)
        where T : ILocalityFields
    {
        validator.RuleFor(x => x.Name)
            .RequiredText("a name", LocalityArea.NameMaxLength)
            .MustAsync(async (request, name, ct) =>
            {
                var others = db.Localities.AsQueryable();
                if (ownId is not null)
                {
                    var own = new LocalityId(ownId(request));
                    others = others.Where(l => l.Id != own);
                }

                return !await others.AnyAsync(l => l.Name.ToLower() == name!.Trim().ToLower(), ct);
            })
            .WithMessage("There is already a locality with this name");
    }
}
