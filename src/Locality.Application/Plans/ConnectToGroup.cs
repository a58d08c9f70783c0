using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Community;
using Locality.Domain.Conversations;
using Locality.Domain.Plans;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>
/// Connects a person to a group in the directory: who suggested it and when. Naming one of their goals also adds a
/// step to it, owned by the group.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record ConnectToGroup(Guid PersonId, Guid GroupId, string SuggestedBy, DateOnly? SuggestedOn, Guid? AsStepOfGoalId = null, uint Version = 0)
    : IRequest<PlanDto>, IChangesPerson;

internal sealed class ConnectToGroupValidator : AbstractValidator<ConnectToGroup>
{
    public ConnectToGroupValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.GroupId).RequiredId("a group from the directory")
            .MustAsync((id, ct) => db.CommunityGroups.AnyAsync(g => g.Id == new CommunityGroupId(id), ct)).WithMessage("Choose a group from the directory");
        RuleFor(x => x.SuggestedBy).RequiredText("who suggested it", Connection.SuggestedByMaxLength);
        RuleFor(x => x.AsStepOfGoalId)
            .MustAsync(async (request, goal, ct) => (await PlanRules.GoalsAsync(db, request.PersonId, ct)).ContainsKey(new PlanGoalId(goal!.Value)))
            .WithMessage("Choose one of their goals")
            .When(x => x.AsStepOfGoalId is not null);
        RuleFor(x => x.SuggestedOn).NotNull().WithMessage("Enter when it was suggested")
            .Must(d => d <= clock.Now().Today).WithMessage("The date it was suggested must be today or in the past");
    }
}

internal sealed class ConnectToGroupHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ConnectToGroup, PlanDto>
{
    public async Task<PlanDto> Handle(ConnectToGroup request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var group = await db.CommunityGroups.AsNoTracking().SingleAsync(g => g.Id == new CommunityGroupId(request.GroupId), cancellationToken);
        var connection = new Connection(conversation.PersonId, group.Id, request.SuggestedBy, request.SuggestedOn!.Value);
        db.Connections.Add(connection);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.PlanChanged, $"Connected to {group.Name} (suggested by {Domain.Common.WhoWords.AfterBy(connection.SuggestedBy)})", user.AsAuthor(), moment.Now));
        if (request.AsStepOfGoalId is { } goal)
        {
            // The step and the connection are saved together, or neither is.
            return await PlanChanges.ApplyAsync(db, clock, user, request.PersonId, request.Version,
                (plan, by, at) => plan.AddStep(new PlanGoalId(goal), $"Go to {group.Name}", new StepOwner(StepOwnerKind.CommunityGroup, group.Id.Value, group.Name), null, null, by, at),
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}
