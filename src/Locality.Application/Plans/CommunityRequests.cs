using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Community;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>The directory of local groups and assets, for a locality (or every locality), by name.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
public sealed record GetCommunityGroups(Guid? LocalityId = null) : IRequest<IReadOnlyList<CommunityGroupDto>>;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
public sealed record GetCommunityGroup(Guid Id) : IRequest<CommunityGroupDto>;

internal sealed class GetCommunityGroupsHandler(IApplicationDbContext db)
    : IRequestHandler<GetCommunityGroups, IReadOnlyList<CommunityGroupDto>>, IRequestHandler<GetCommunityGroup, CommunityGroupDto>
{
    public async Task<IReadOnlyList<CommunityGroupDto>> Handle(GetCommunityGroups request, CancellationToken cancellationToken) =>
        (await Query(db, request.LocalityId is { } l ? db.CommunityGroups.Where(g => g.LocalityId == new LocalityId(l)) : db.CommunityGroups)
            .ToListAsync(cancellationToken))
            .OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    public async Task<CommunityGroupDto> Handle(GetCommunityGroup request, CancellationToken cancellationToken) =>
        await Query(db, db.CommunityGroups.Where(g => g.Id == request.Id)).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Group");

    internal static IQueryable<CommunityGroupDto> Query(IApplicationDbContext db, IQueryable<CommunityGroup> groups) =>
        from g in groups.AsNoTracking()
        join l in db.Localities on g.LocalityId equals l.Id
        select new CommunityGroupDto(g.Id, l.Id.Value, l.Name, g.Name, g.Kind, g.Offer, g.WhenAndWhere, g.Contact, g.Accessibility, g.LastCheckedOn, g.Version);
}

/// <summary>Adds a group to a locality's directory (no id) or updates one. <c>Version</c> as read (409 if it changed since).</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
public sealed record SaveCommunityGroup(
    Guid? Id, Guid LocalityId, string Name, GroupKind? Kind, string Offer, string? WhenAndWhere, string? Contact, string? Accessibility, DateOnly? LastCheckedOn,
    uint Version = 0) : IRequest<CommunityGroupDto>;

internal sealed class SaveCommunityGroupValidator : AbstractValidator<SaveCommunityGroup>
{
    public SaveCommunityGroupValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.LocalityId).RequiredId("the locality")
            .MustAsync((id, ct) => db.Localities.AnyAsync(l => l.Id == new LocalityId(id), ct)).WithMessage("Choose a locality from the list");
        RuleFor(x => x.Name).RequiredText("the group's name", CommunityGroup.NameMaxLength);
        RuleFor(x => x.Kind).NotNull().WithMessage("Choose what kind of group it is").IsInEnum().WithMessage("Choose what kind of group it is");
        RuleFor(x => x.Offer).RequiredText("what it offers", CommunityGroup.TextMaxLength);
        RuleFor(x => x.WhenAndWhere).OptionalText("when and where", CommunityGroup.TextMaxLength);
        RuleFor(x => x.Contact).OptionalText("how to get in touch", CommunityGroup.ContactMaxLength);
        RuleFor(x => x.Accessibility).OptionalText("the accessibility notes", CommunityGroup.TextMaxLength);
        RuleFor(x => x.LastCheckedOn).NotNull().WithMessage("Enter when someone last checked it is running")
            .Must(d => d <= clock.Now().Today).WithMessage("The date it was last checked must be today or in the past");
    }
}

internal sealed class SaveCommunityGroupHandler(IApplicationDbContext db) : IRequestHandler<SaveCommunityGroup, CommunityGroupDto>
{
    public async Task<CommunityGroupDto> Handle(SaveCommunityGroup request, CancellationToken cancellationToken)
    {
        CommunityGroup group;
        if (request.Id is { } id)
        {
            group = await db.CommunityGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken) ?? throw new NotFoundException("Group");
            db.ExpectVersion(group, request.Version);
            group.Update(request.Name, request.Kind!.Value, request.Offer, request.WhenAndWhere, request.Contact, request.Accessibility, request.LastCheckedOn!.Value);
        }
        else
        {
            group = new CommunityGroup(new LocalityId(request.LocalityId), request.Name, request.Kind!.Value, request.Offer, request.WhenAndWhere, request.Contact,
                request.Accessibility, request.LastCheckedOn!.Value);
            db.CommunityGroups.Add(group);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await GetCommunityGroupsHandler.Query(db, db.CommunityGroups.Where(g => g.Id == group.Id)).SingleAsync(cancellationToken);
    }
}

/// <summary>Who a step in this person's plan could belong to: the team around them and the worker's own team, every agency, and the directory.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Access.Touches(Domain.Access.RecordSection.StrengthsAndPlan)]
public sealed record GetStepOwnerChoices(Guid PersonId) : IRequest<StepOwnerChoicesDto>, Access.IReadsPerson;

internal sealed class GetStepOwnerChoicesHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetStepOwnerChoices, StepOwnerChoicesDto>
{
    public async Task<StepOwnerChoicesDto> Handle(GetStepOwnerChoices request, CancellationToken cancellationToken)
    {
        var person = await People.PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var inTeam = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.LeftAt == null && m.WorkerId != null && db.Conversations.Any(c => c.Id == m.ConversationId && c.PersonId == person))
            .Select(m => m.WorkerId!.Value).ToListAsync(cancellationToken);
        var workers = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && (inTeam.Contains(s.Id) || s.TeamId == user.TeamId))
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var groups = await db.CommunityGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return new StepOwnerChoicesDto(
            workers.Select(w => (w.Id.Value, w.DisplayName)).ToList(),
            agencies.Select(a => (a.Id.Value, a.Name)).ToList(),
            groups.Select(g => (g.Id, g.Name)).ToList());
    }
}

/// <summary>Plan steps due within the week, or overdue, for the people a worker leads: for My day.</summary>
internal static class DaySteps
{
    public static async Task<IReadOnlyList<DayStepDto>> ForAsync(IApplicationDbContext db, IReadOnlyDictionary<Guid, string> people, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = people.Keys.Select(k => new PersonId(k)).ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => ids.Contains(p.PersonId)).ToListAsync(cancellationToken);
        return plans
            .SelectMany(p => p.Content.Goals.SelectMany(g => g.Steps
                .Where(s => PlanQueries.IsOpen(s) && s.DueOn is { } due && due <= today.AddDays(7))
                .Select(s => new DayStepDto(p.PersonId.Value, people[p.PersonId.Value], g.Text, s.Description, s.Owner.Name, s.DueOn!.Value, s.DueOn < today))))
            .OrderBy(s => s.DueOn)
            .ToList();
    }
}
