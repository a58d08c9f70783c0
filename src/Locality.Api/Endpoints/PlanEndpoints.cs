using Locality.Application.Plans;
using Locality.Domain.Community;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>
/// A person's strengths and their one living plan, written with them, and the locality's directory of community
/// groups. Every change to the plan is kept whole: <c>?asOf=</c> shows it as it stood at the end of that day.
/// </summary>
internal static class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{id:guid}").WithTags("Strengths and plan");
        person.MapGet("/plan", (Guid id, DateOnly? asOf, IMediator m, CancellationToken ct) => m.Send(new GetPlan(id, asOf), ct))
            .Sends<GetPlan>().WithSummary("Their strengths and plan, now or as they stood at the end of a day, with every change");
        person.MapPost("/strengths", (Guid id, StrengthBody b, IMediator m, CancellationToken ct) => m.Send(new AddStrength(id, b.Kind, b.Text, b.NoticedBy), ct))
            .Sends<AddStrength>().WithSummary("Record a strength, in their words, and who noticed it");
        person.MapPost("/strengths/{strengthId:guid}/set-aside", (Guid id, Guid strengthId, IMediator m, CancellationToken ct) => m.Send(new SetStrengthAside(id, strengthId), ct))
            .Sends<SetStrengthAside>().WithSummary("Set aside a strength that is no longer true");
        person.MapPut("/plan/good-life", (Guid id, GoodLifeBody b, IMediator m, CancellationToken ct) => m.Send(new SetGoodLife(id, b.GoodLife, b.Version), ct))
            .Sends<SetGoodLife>().WithSummary("What a good life looks like, in their words");
        person.MapPost("/plan/goals", (Guid id, GoalBody b, IMediator m, CancellationToken ct) => m.Send(new AddGoal(id, b.Text, b.Version), ct))
            .Sends<AddGoal>().WithSummary("Add a goal, in their words")
            .WithDescription("Send the plan's version as you read it (0 before it has one); if it changed since, the answer is 409.");
        person.MapPost("/plan/goals/{goalId:guid}/steps", (Guid id, Guid goalId, StepBody b, IMediator m, CancellationToken ct) =>
                m.Send(new AddStep(id, goalId, b.Description, b.OwnerKind, b.OwnerId, b.DueOn, b.Notes, b.Version), ct))
            .Sends<AddStep>().WithSummary("Add a step to a goal, with who owns it and when it is due");
        person.MapPut("/plan/goals/{goalId:guid}/steps/{stepId:guid}", (Guid id, Guid goalId, Guid stepId, StepChangeBody b, IMediator m, CancellationToken ct) =>
                m.Send(new ChangeStep(id, goalId, stepId, b.Description, b.OwnerKind, b.OwnerId, b.DueOn, b.Status, b.Reason, b.Notes, b.Version), ct))
            .Sends<ChangeStep>().WithSummary("Change a step, or record where it has got to");
        person.MapPost("/plan/reviews", (Guid id, PlanReviewBody b, IMediator m, CancellationToken ct) =>
                m.Send(new RecordPlanReview(id, b.On, b.WhoTookPart, b.WhatChanged, b.NextReviewOn, b.Version), ct))
            .Sends<RecordPlanReview>().WithSummary("Record a review of the plan, and when the next is");

        person.MapPost("/connections", (Guid id, ConnectionBody b, IMediator m, CancellationToken ct) =>
                m.Send(new ConnectToGroup(id, b.GroupId, b.SuggestedBy, b.SuggestedOn, b.AsStepOfGoalId, b.Version), ct))
            .Sends<ConnectToGroup>().WithSummary("Connect them to a group in the directory (and, if a goal is named, add a step to it)");
        person.MapPut("/connections/{connectionId:guid}", (Guid id, Guid connectionId, ConnectionNewsBody b, IMediator m, CancellationToken ct) =>
                m.Send(new RecordConnection(id, connectionId, b.Went, b.StillGoing, b.Version), ct))
            .Sends<RecordConnection>().WithSummary("Record whether they went, and whether they are still going");

        var groups = app.MapGroup("/api/community-groups").WithTags("Community directory");
        groups.MapGet("/connected-most", (IMediator m, CancellationToken ct) => m.Send(new GetGroupsConnectedMost(), ct))
            .Sends<GetGroupsConnectedMost>().WithSummary("The groups a team lead's people are connected to most");
        groups.MapGet("/", (Guid? localityId, IMediator m, CancellationToken ct) => m.Send(new GetCommunityGroups(localityId), ct))
            .Sends<GetCommunityGroups>().WithSummary("Local groups and assets, by locality");
        groups.MapGet("/{groupId:guid}", (Guid groupId, IMediator m, CancellationToken ct) => m.Send(new GetCommunityGroup(groupId), ct))
            .Sends<GetCommunityGroup>().WithSummary("One group in the directory");
        groups.MapPost("/", async (GroupBody b, IMediator m, CancellationToken ct) =>
            {
                var saved = await m.Send(new SaveCommunityGroup(null, b.LocalityId, b.Name, b.Kind, b.Offer, b.WhenAndWhere, b.Contact, b.Accessibility, b.LastCheckedOn), ct);
                return TypedResults.Created($"/api/community-groups/{saved.Id}", saved);
            })
            .Sends<SaveCommunityGroup>().WithName("AddCommunityGroup").WithSummary("Add a group to a locality's directory");
        groups.MapPut("/{groupId:guid}", (Guid groupId, GroupBody b, IMediator m, CancellationToken ct) =>
                m.Send(new SaveCommunityGroup(groupId, b.LocalityId, b.Name, b.Kind, b.Offer, b.WhenAndWhere, b.Contact, b.Accessibility, b.LastCheckedOn, b.Version), ct))
            .Sends<SaveCommunityGroup>().WithName("UpdateCommunityGroup").WithSummary("Update a group in the directory");
    }

    internal sealed record StrengthBody(StrengthKind? Kind, string Text, string NoticedBy);

    internal sealed record GoodLifeBody(string? GoodLife, uint Version);

    internal sealed record GoalBody(string Text, uint Version);

    internal sealed record StepBody(string Description, StepOwnerKind? OwnerKind, Guid? OwnerId, DateOnly? DueOn, string? Notes, uint Version);

    internal sealed record StepChangeBody(
        string Description, StepOwnerKind? OwnerKind, Guid? OwnerId, DateOnly? DueOn, StepStatus? Status, string? Reason, string? Notes, uint Version);

    internal sealed record PlanReviewBody(DateOnly? On, string WhoTookPart, string WhatChanged, DateOnly? NextReviewOn, uint Version);

    internal sealed record ConnectionBody(Guid GroupId, string SuggestedBy, DateOnly? SuggestedOn, Guid? AsStepOfGoalId, uint Version = 0);

    internal sealed record ConnectionNewsBody(bool? Went, bool? StillGoing, uint Version);

    internal sealed record GroupBody(
        Guid LocalityId, string Name, GroupKind? Kind, string Offer, string? WhenAndWhere, string? Contact, string? Accessibility, DateOnly? LastCheckedOn, uint Version = 0);
}
