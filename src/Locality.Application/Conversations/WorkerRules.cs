using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

internal static class WorkerRules
{
    /// <summary>The worker exists and can still sign in.</summary>
    public static IRuleBuilderOptions<T, Guid?> ActiveWorker<T>(this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, string choose) =>
        rule.NotNull().WithMessage(choose)
            .NotEqual(Guid.Empty).WithMessage(choose)
            .MustAsync((id, ct) => db.StaffMembers.AnyAsync(s => s.Id == new UserId(id!.Value) && s.IsActive, ct))
            .WithMessage("Select a worker from the list");

    /// <summary>The agency of a worker's team: the agency their entries and memberships are recorded against.</summary>
    public static async Task<AgencyId> AgencyOfAsync(IApplicationDbContext db, UserId worker, CancellationToken cancellationToken) =>
        await (from s in db.StaffMembers
               join t in db.Teams on s.TeamId equals t.Id
               where s.Id == worker
               select t.AgencyId).SingleAsync(cancellationToken);
}
