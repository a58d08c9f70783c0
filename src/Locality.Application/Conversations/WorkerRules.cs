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
        rule.MustAsync(async (id, ct) => SecurityRoles.HoldsRecords(await identity.GetRolesAsync(new UserId(id!.Value), ct)))
            .WithMessage("Select a key worker or team lead; add a partner agency as an agency");

    /// <summary>The worker can lead a conversation the sender hands them (see <see cref="MayLeadAsync"/>).</summary>
    public static IRuleBuilderOptions<T, Guid?> AssignableLead<T>(
        this IRuleBuilder<T, Guid?> rule, IApplicationDbContext db, IIdentityService identity, ICurrentUser sender, string choose) =>
        rule.NotNull().WithMessage(choose)
            .NotEqual(Guid.Empty).WithMessage(choose)
            .MustAsync((id, ct) => MayLeadAsync(db, identity, sender, new UserId(id!.Value), ct))
            .WithMessage(ChooseALead);

    /// <summary>
    /// The workers the sender may hand a lead to, as far as the database knows: they can sign in and work in a team in
    /// the sender's locality, so a team lead there oversees the record. Their roles live with the identity service, so
    /// keep only <see cref="SecurityRoles.HoldsRecords"/> from these.
    /// </summary>
    public static IQueryable<StaffMember> AssignableBy(IApplicationDbContext db, ICurrentUser sender)
    {
        var senderTeam = sender.TeamId;
        return from s in db.StaffMembers.AsNoTracking()
               join t in db.Teams on s.TeamId equals t.Id
               where s.IsActive && db.Teams.Any(mine => mine.Id == senderTeam && mine.LocalityId == t.LocalityId)
               select s;
    }

    /// <summary>
    /// A lead key worker is one of <see cref="AssignableBy"/> and holds records (never a partner viewer or an
    /// administrator, who cannot hold a record).
    /// </summary>
    public static async Task<bool> MayLeadAsync(IApplicationDbContext db, IIdentityService identity, ICurrentUser sender, UserId worker, CancellationToken cancellationToken) =>
        await AssignableBy(db, sender).AnyAsync(s => s.Id == worker, cancellationToken)
        && SecurityRoles.HoldsRecords(await identity.GetRolesAsync(worker, cancellationToken));

    /// <summary>The agency of a worker's team: the agency their entries and memberships are recorded against.</summary>
    public static async Task<AgencyId> AgencyOfAsync(IApplicationDbContext db, UserId worker, CancellationToken cancellationToken) =>
        await (from s in db.StaffMembers
               join t in db.Teams on s.TeamId equals t.Id
               where s.Id == worker
               select t.AgencyId).SingleAsync(cancellationToken);
}
