using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

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
            workers.Select(w => (w.Id.Value, w.DisplayName, inTeam.Contains(w.Id))).ToList(),
            agencies.Select(a => (a.Id.Value, a.Name)).ToList(),
            groups.Select(g => (g.Id.Value, g.Name)).ToList());
    }
}
