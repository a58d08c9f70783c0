using Locality.Application.Ratings;
using Locality.Domain.Ratings;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>
/// Rating instruments (the Chaos Index built in; others defined by administrators) and people's ratings. A rating
/// sends a step per domain, never a total: the total is worked out from the instrument version it used.
/// </summary>
internal static class RatingEndpoints
{
    public static void MapRatingEndpoints(this IEndpointRouteBuilder app)
    {
        var instruments = app.MapGroup("/api/instruments").WithTags("Ratings");
        instruments.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new GetInstruments(), ct))
            .Sends<GetInstruments>().WithSummary("Every rating instrument, with its versions");
        instruments.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetInstrument(id), ct))
            .Sends<GetInstrument>().WithSummary("One rating instrument, with its versions");
        instruments.MapPost("/", async (InstrumentBody b, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new SaveInstrument(null, b.Name, b.Description, b.Direction, b.RerateEveryWeeks, b.Domains), ct);
                return TypedResults.Created($"/api/instruments/{created.Id}", created);
            })
            .Sends<SaveInstrument>().WithName("DefineInstrument").WithSummary("Define a new rating instrument (administrators)")
            .WithDescription("Each domain needs a key, a name and 2 to 11 steps in order, each scoring more than the one before.");
        instruments.MapPut("/{id:guid}", (Guid id, InstrumentBody b, IMediator m, CancellationToken ct) =>
                m.Send(new SaveInstrument(id, b.Name, b.Description, b.Direction, b.RerateEveryWeeks, b.Domains, b.Version), ct))
            .Sends<SaveInstrument>().WithName("ReviseInstrument").WithSummary("Revise an instrument (administrators)")
            .WithDescription("If ratings use the latest version, a new version is made and the old one retired; otherwise the latest is corrected. Send the version you read: 409 if it changed since.");
        instruments.MapPost("/{id:guid}/retire", (Guid id, VersionBody b, IMediator m, CancellationToken ct) => m.Send(new RetireInstrument(id, b.Version), ct))
            .Sends<RetireInstrument>().WithSummary("Stop an instrument being used for new ratings (administrators)");

        var person = app.MapGroup("/api/people/{id:guid}/ratings").WithTags("Ratings");
        person.MapGet("/", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetPersonRatings(id), ct))
            .Sends<GetPersonRatings>().WithSummary("A person's ratings with each instrument, oldest first, with the change since the first");
        person.MapPost("/", async (Guid id, RatingBody b, IMediator m, CancellationToken ct) =>
                TypedResults.Created($"/api/people/{id}/ratings", await m.Send(new RecordRating(id, b.InstrumentId, b.RatedOn, b.PersonTookPart, b.Choices, b.InstrumentVersionId), ct)))
            .Sends<RecordRating>().WithSummary("Rate a person: a step and a short note for every domain")
            .WithDescription("The step is counted from 0 (the lowest score). A score sent instead of a step is refused, naming the domain.");

        app.MapGet("/api/rating-trends", (Guid? workerId, IMediator m, CancellationToken ct) => m.Send(new GetRatingTrends(workerId), ct))
            .WithTags("Ratings").Sends<GetRatingTrends>()
            .WithSummary("How a worker's people (or, for a team lead, the team's) have moved since their first rating");
        app.MapPost("/api/jobs/ratings-due", (IMediator m, CancellationToken ct) => m.Send(new MarkRatingsDue(), ct))
            .WithTags("Jobs").Sends<MarkRatingsDue>().WithSummary("Run the daily check for ratings due now (administrators)");
    }

    internal sealed record InstrumentBody(
        string Name, string? Description, ScoreDirection Direction, int RerateEveryWeeks, IReadOnlyList<InstrumentDomainBody>? Domains, uint Version = 0);

    internal sealed record RatingBody(Guid InstrumentId, Guid? InstrumentVersionId, DateOnly? RatedOn, bool? PersonTookPart, IReadOnlyList<RatingChoice>? Choices);

    internal sealed record VersionBody(uint Version);
}
