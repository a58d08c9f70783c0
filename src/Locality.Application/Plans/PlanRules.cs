using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.People;
using Locality.Domain.Community;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

internal static class PlanRules
{
    public static void Owner<T>(AbstractValidator<T> validator, IApplicationDbContext db, System.Linq.Expressions.Expression<Func<T, StepOwnerKind?>> kind, System.Linq.Expressions.Expression<Func<T, Guid?>> id)
    {
        var readKind = kind.Compile();
        validator.RuleFor(kind).NotNull().WithMessage("Choose who the step belongs to").IsInEnum().WithMessage("Choose who the step belongs to");
        validator.RuleFor(id)
            .NotNull().WithMessage("Choose who the step belongs to")
            .MustAsync(async (request, owner, ct) => owner is { } value && await ExistsAsync(db, readKind(request)!.Value, value, ct))
            .WithMessage("Choose someone from the list: that worker, agency or group does not exist")
            .When(x => readKind(x) is StepOwnerKind k && k != StepOwnerKind.ThePerson && Enum.IsDefined(k));
    }

    /// <summary>The person's goals as they stand, by id (none before the plan is started).</summary>
    public static async Task<IReadOnlyDictionary<PlanGoalId, PlanGoal>> GoalsAsync(IApplicationDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.TryResolveAsync(db, personId, cancellationToken);
        var plan = person is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == person, cancellationToken);
        return (plan?.Content.Goals ?? []).ToDictionary(g => g.Id);
    }

    /// <summary>The step's owner, named as they are now. Takes the person as resolved, so that a merged-away id is named from the survivor.</summary>
    public static async Task<StepOwner> OwnerAsync(IApplicationDbContext db, PersonId person, StepOwnerKind kind, Guid? id, CancellationToken cancellationToken) => kind switch
    {
        StepOwnerKind.ThePerson => new StepOwner(kind, null, "Them: " + await db.People.AsNoTracking().Where(p => p.Id == person)
            .Select(p => p.PreferredName ?? p.GivenName).SingleAsync(cancellationToken)),
        StepOwnerKind.Worker => new StepOwner(kind, id, await db.StaffMembers.AsNoTracking().Where(s => s.Id == new UserId(id!.Value)).Select(s => s.DisplayName).SingleAsync(cancellationToken)),
        StepOwnerKind.Agency => new StepOwner(kind, id, await db.Agencies.AsNoTracking().Where(a => a.Id == new AgencyId(id!.Value)).Select(a => a.Name).SingleAsync(cancellationToken)),
        _ => new StepOwner(kind, id, await db.CommunityGroups.AsNoTracking().Where(g => g.Id == new CommunityGroupId(id!.Value)).Select(g => g.Name).SingleAsync(cancellationToken)),
    };

    private static Task<bool> ExistsAsync(IApplicationDbContext db, StepOwnerKind kind, Guid id, CancellationToken cancellationToken) => kind switch
    {
        StepOwnerKind.Worker => db.StaffMembers.AnyAsync(s => s.Id == new UserId(id) && s.IsActive, cancellationToken),
        StepOwnerKind.Agency => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), cancellationToken),
        StepOwnerKind.CommunityGroup => db.CommunityGroups.AnyAsync(g => g.Id == new CommunityGroupId(id), cancellationToken),
        _ => Task.FromResult(true),
    };
}
