using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>Adds a worker (with their agency), or an agency on its own, to the team around the person.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record AddTeamMember(Guid PersonId, Guid? WorkerId, Guid? AgencyId) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class AddTeamMemberValidator : AbstractValidator<AddTeamMember>
{
    public AddTeamMemberValidator(IApplicationDbContext db, IIdentityService identity)
    {
        RuleFor(x => x.WorkerId)
            .Must((request, worker) => worker is not null || request.AgencyId is not null)
            .WithMessage("Select a worker or an agency to add");
        RuleFor(x => x.WorkerId).ActiveWorker(db, "Select a worker").DependentRules(() =>
            RuleFor(x => x.WorkerId).CanJoinTeams(identity)).When(x => x.WorkerId is not null);
        RuleFor(x => x.AgencyId)
            .ExistingAgency(db)
            .When(x => x.WorkerId is null && x.AgencyId is not null);
    }
}

internal sealed class AddTeamMemberHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AddTeamMember, IReadOnlyList<TimelineEntryDto>>
{
    public async Task<IReadOnlyList<TimelineEntryDto>> Handle(AddTeamMember request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        UserId? worker = request.WorkerId is { } w ? new UserId(w) : null;
        var agency = worker is { } who ? await WorkerRules.AgencyOfAsync(db, who, cancellationToken) : new AgencyId(request.AgencyId!.Value);
        var role = worker is null ? MemberRole.Agency : MemberRole.Worker;
        return await ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            [conversation.Join(role, worker, agency, user.AsAuthor(), now)], cancellationToken);
    }
}
