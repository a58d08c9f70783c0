using Microsoft.AspNetCore.Http.HttpResults;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Conversations;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>
/// People and their one conversation. There is deliberately no endpoint to close, end, delete or edit a conversation
/// or a timeline entry: corrections are amendments.
/// </summary>
internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People");
        people.MapGet("/", (string? name, string? nhsNumber, DateOnly? dateOfBirth, string? postcode, IMediator m, CancellationToken ct) =>
                m.Send(new FindPeople(name, nhsNumber, dateOfBirth, postcode), ct))
            .WithSummary("Find people by name (fuzzy), NHS number, date of birth or postcode").Sends<FindPeople>();
        people.MapPost("/", async (AddPerson request, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(request, ct);
                return TypedResults.Created($"/api/people/{created.Id}", created);
            })
            .WithSummary("Add a person and open their conversation")
            .WithDescription("Answers 409 with the likely matches when the person may already have a record. Send again with confirmedNew: true if this is someone new (not possible when the NHS number matches).")
            .Sends<AddPerson>();
        people.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetPersonPage(id), ct))
            .WithSummary($"A person, where their conversation stands, the team around them and the latest {GetPersonPage.LatestEntries} entries")
            .WithDescription("An id that was merged away answers with the record it was merged into.")
            .Sends<GetPersonPage>();
        people.MapPut("/{id:guid}", (Guid id, PersonBody b, IMediator m, CancellationToken ct) => m.Send(new UpdatePersonDetails(id, b, b.Version), ct))
            .WithSummary("Change a person's details").Sends<UpdatePersonDetails>();
        people.MapPost("/merges", (MergePeople request, IMediator m, CancellationToken ct) => m.Send(request, ct))
            .WithSummary("Merge two records for the same person into one").Sends<MergePeople>();
        people.MapGet("/passed-on-most", (bool? myTeamOnly, int? limit, IMediator m, CancellationToken ct) =>
                m.Send(new GetPassedOnMost(myTeamOnly ?? false, limit ?? GetPassedOnMost.DefaultLimit), ct))
            .WithSummary("People passed on most often (team leads)").Sends<GetPassedOnMost>();

        var person = people.MapGroup("/{id:guid}").WithTags("Conversation");
        person.MapGet("/timeline", (Guid id, string? before, IMediator m, CancellationToken ct) => m.Send(new GetTimeline(id, before), ct))
            .WithSummary("A page of the timeline, newest first; pass olderCursor as before for the next").Sends<GetTimeline>();
        person.MapPost("/conversations", (Guid id, ConversationBody b, IMediator m, CancellationToken ct) =>
                Created(id, m.Send(new RecordConversation(id, b.Method, b.Text, b.Location, b.WhoWasThere, b.OccurredAt), ct)))
            .WithSummary("Record a conversation with the person").Sends<RecordConversation>();
        person.MapPost("/contact-attempts", (Guid id, AttemptBody b, IMediator m, CancellationToken ct) =>
                Created(id, m.Send(new RecordContactAttempt(id, b.Method, b.Outcome, b.Text, b.OccurredAt), ct)))
            .WithSummary("Record a try to reach the person").Sends<RecordContactAttempt>();
        person.MapPost("/notes", (Guid id, NoteBody b, IMediator m, CancellationToken ct) =>
                Created(id, m.Send(new AddNote(id, b.Text, b.OccurredAt), ct)))
            .WithSummary("Add a note").Sends<AddNote>();
        person.MapPost("/partner-contributions", (Guid id, ContributionBody b, IMediator m, CancellationToken ct) =>
                Created(id, m.Send(new AddPartnerContribution(id, b.FromAgencyId, b.Text, b.OccurredAt), ct)))
            .WithSummary("Record what a partner agency told or sent the team").Sends<AddPartnerContribution>();
        person.MapPost("/timeline/{entryId:guid}/amendments", (Guid id, Guid entryId, AmendmentBody b, IMediator m, CancellationToken ct) =>
                m.Send(new AmendEntry(id, entryId, b.Reason, b.CorrectedText, b.AmendmentsSeen), ct))
            .WithSummary("Correct an entry, with a reason; the original stays")
            .WithDescription("amendmentsSeen is how many corrections the entry had when you read it; if someone has corrected it since, the answer is 409.")
            .Sends<AmendEntry>();
        person.MapPost("/resting", (Guid id, RestBody b, IMediator m, CancellationToken ct) => m.Send(new RestConversation(id, b.CheckBackOn, b.Reason), ct))
            .WithSummary("The person asked for space: rest the conversation until a check-back date").Sends<RestConversation>();
        person.MapPost("/resting/end", (Guid id, ReasonBody b, IMediator m, CancellationToken ct) => m.Send(new EndRest(id, b.Reason), ct))
            .WithSummary("End a rest early").Sends<EndRest>();
        person.MapPut("/lead", (Guid id, LeadBody b, IMediator m, CancellationToken ct) => m.Send(new ChangeLeadWorker(id, b.NewLeadWorkerId, b.Reason), ct))
            .WithSummary("Change the lead key worker").Sends<ChangeLeadWorker>();
        person.MapPost("/team", (Guid id, TeamMemberBody b, IMediator m, CancellationToken ct) => m.Send(new AddTeamMember(id, b.WorkerId, b.AgencyId), ct))
            .WithSummary("Add a worker or an agency to the team around the person").Sends<AddTeamMember>();
        person.MapPost("/team/{memberId:guid}/leave", (Guid id, Guid memberId, IMediator m, CancellationToken ct) => m.Send(new RemoveTeamMember(id, memberId), ct))
            .WithSummary("Record that a worker or agency has left the team around the person").Sends<RemoveTeamMember>();
        person.MapPost("/hand-offs", (Guid id, HandOffBody b, IMediator m, CancellationToken ct) => Created(id, m.Send(
                new PassOn(id, b.ToService, b.ToAgencyId, b.Reason, b.LeadKeepsConversation ?? true, b.NewLeadWorkerId, b.OccurredAt), ct)))
            .WithSummary("Pass the person on to another service, with a reason").Sends<PassOn>();

        app.MapGet("/api/my-day", (Guid? workerId, IMediator m, CancellationToken ct) => m.Send(new GetMyDay(workerId), ct))
            .WithTags("My day").WithSummary("A worker's people, who is quiet, and check-backs due").Sends<GetMyDay>();
        app.MapGet("/api/team-day", (IMediator m, CancellationToken ct) => m.Send(new GetTeamDay(), ct))
            .WithTags("My day").WithSummary("A team lead's view of the team").Sends<GetTeamDay>();
        app.MapPost("/api/jobs/conversation-states", (IMediator m, CancellationToken ct) => m.Send(new ReconcileConversationStates(), ct))
            .WithTags("Jobs").WithSummary("Run the daily conversation check now (administrators)").Sends<ReconcileConversationStates>();
    }

    private static async Task<Created<IReadOnlyList<TimelineEntryDto>>> Created(Guid personId, Task<IReadOnlyList<TimelineEntryDto>> sending) =>
        TypedResults.Created($"/api/people/{personId}/timeline", await sending);

    internal sealed record PersonBody(
        string GivenName, string FamilyName, string? PreferredName, DateOnly? DateOfBirth, int? ApproximateAge, string? NhsNumber,
        string? AddressLine1, string? AddressLine2, string? Town, string? Postcode, string? Uprn, string? Phone, string? Email,
        string? CommunicationNeeds, string? SafetyNotes, string? WhatMattersToMe, uint Version) : IPersonFields;

    internal sealed record ConversationBody(ContactMethod Method, string Text, string? Location, string? WhoWasThere, DateTimeOffset? OccurredAt);

    internal sealed record AttemptBody(ContactMethod Method, ContactOutcome Outcome, string? Text, DateTimeOffset? OccurredAt);

    internal sealed record NoteBody(string Text, DateTimeOffset? OccurredAt);

    internal sealed record ContributionBody(Guid FromAgencyId, string Text, DateTimeOffset? OccurredAt);

    internal sealed record AmendmentBody(string Reason, string CorrectedText, int AmendmentsSeen);

    internal sealed record RestBody(DateOnly? CheckBackOn, string Reason);

    internal sealed record ReasonBody(string Reason);

    internal sealed record LeadBody(Guid? NewLeadWorkerId, string? Reason);

    internal sealed record TeamMemberBody(Guid? WorkerId, Guid? AgencyId);

    internal sealed record HandOffBody(string ToService, Guid? ToAgencyId, string Reason, bool? LeadKeepsConversation, Guid? NewLeadWorkerId, DateTimeOffset? OccurredAt);
}
