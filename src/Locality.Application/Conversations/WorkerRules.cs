using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Conversations;

internal static class WorkerRules
{
    public const string ChooseALead = "Select a key worker or team lead from a team in your locality";

    /// <summary>The worker exists and can still sign in.</summary>
    public static IRuleBuilderOptions<T, Guid?> ActiveWorker<T>(this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, string choose) =>
        rule.NotNull().WithMessage(choose)
            .NotEqual(Guid.Empty).WithMessage(choose)
            .MustAsync((id, ct) => db.StaffMembers.AnyAsync(s => s.Id == new UserId(id!.Value) && s.IsActive, ct))
            .WithMessage("Select a worker from the list");

    /// <summary>
    /// The worker can join the team around a person: a key worker or team lead. A partner viewer sees a record through
    /// their agency's sharing agreement (add the agency), never as a member who would see all of it.
    /// </summary>
    public static IRuleBuilderOptions<T, Guid?> CanJoinTeams<T>(this IRuleBuilder<T, Guid?> rule, IIdentityService identity) =>
        rule.MustAsync(async (id, ct) => (await identity.GetRolesAsync(new UserId(id!.Value), ct)).Any(role => role is SecurityRoles.KeyWorker or SecurityRoles.TeamLead))
            .WithMessage("Select a key worker or team lead; add a partner agency as an agency");

    /// <summary>The worker can lead a conversation the sender hands them (see <see cref="MayLeadAsync"/>).</summary>
    public static IRuleBuilderOptions<T, Guid?> AssignableLead<T>(
        this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, IIdentityService identity, ICurrentUser sender, string choose) =>
        rule.NotNull().WithMessage(choose)
            .NotEqual(Guid.Empty).WithMessage(choose)
            .MustAsync((id, ct) => MayLeadAsync(db, identity, sender, new UserId(id!.Value), ct))
            .WithMessage(ChooseALead);

    /// <summary>
    /// A lead key worker can sign in, is a key worker or team lead (never a partner viewer or an administrator, who
    /// cannot hold a record), and works in a team in the sender's locality, so a team lead there oversees the record.
    /// </summary>
    public static async Task<bool> MayLeadAsync(IApplicationDbContext db, IIdentityService identity, ICurrentUser sender, UserId worker, CancellationToken cancellationToken)
    {
        if (sender.TeamId is not { } senderTeam)
        {
            return false;
        }

        var sameLocality = await (
                from s in db.StaffMembers
                join t in db.Teams on s.TeamId equals t.Id
                where s.Id == worker && s.IsActive && db.Teams.Any(mine => mine.Id == senderTeam && mine.LocalityId == t.LocalityId)
                select s.Id)
            .AnyAsync(cancellationToken);
        return sameLocality
            && (await identity.GetRolesAsync(worker, cancellationToken)).Any(role => role is SecurityRoles.KeyWorker or SecurityRoles.TeamLead);
    }

    /// <summary>The agency of a worker's team: the agency their entries and memberships are recorded against.</summary>
    public static async Task<AgencyId> AgencyOfAsync(IApplicationDbContext db, UserId worker, CancellationToken cancellationToken) =>
        await (from s in db.StaffMembers
               join t in db.Teams on s.TeamId equals t.Id
               where s.Id == worker
               select t.AgencyId).SingleAsync(cancellationToken);
}
