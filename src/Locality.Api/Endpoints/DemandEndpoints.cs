using System.ComponentModel.DataAnnotations;
using Locality.Application.Demand;
using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.AspNetCore.Http.Metadata;

namespace Locality.Api.Endpoints;

/// <summary>Demand that falls on agencies: the catalogue, what is recorded about a person, and reclassification by team leads.</summary>
internal static class DemandEndpoints
{
    public static void MapDemandEndpoints(this IEndpointRouteBuilder app)
    {
        var demand = app.MapGroup("/api/demand").WithTags("Demand");
        demand.MapGet("/catalogue", (IMediator m, CancellationToken ct) => m.Send(new GetDemandCatalogue(), ct))
            .Sends<GetDemandCatalogue>().WithSummary("The kinds of demand, and of failure demand, to choose from");
        demand.MapGet("/repeats", (IMediator m, CancellationToken ct) => m.Send(new GetRepeatDemand(), ct))
            .Sends<GetRepeatDemand>().WithSummary("Repeat call-outs to a person or an address, and repeated missed appointments, among a team lead's people")
            .WithDescription("Thresholds are configuration (Demand:Repeats): by default 3 call-outs or anti-social behaviour reports in 183 days, 2 missed appointments in 90.");

        demand.MapPost("/imports", async (BatchBody b, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new SendDemandBatch(b.AgencyId, b.LocalityId, b.Events), ct);
                return TypedResults.Accepted($"/api/demand/imports/{id}", new ImportAccepted(id));
            })
            .Sends<SendDemandBatch>().WithSummary("Send a batch of your agency's demand events (partner systems); imported in the background")
            .WithMetadata(new BodySizeLimit(app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Api:MaxBatchBodyBytes", DefaultBatchBodyBytes)))
            .WithDescription(
                "At most 50,000 events, in a body of at most 64 MiB (other endpoints take 1 MiB). The agency must be the key's own (another agency's gets 403). Each event has the fields of the CSV " +
                "format (docs/demand-import-format.md), as text. An event already sent (the same sourceReference) is stored once. Follow " +
                "the Location header for progress and the report: rows imported, already seen, and rejected with each one's place and reason.");
        demand.MapGet("/imports", (IMediator m, CancellationToken ct) => m.Send(new GetDemandImports(), ct))
            .Sends<GetDemandImports>().WithSummary($"The latest {GetDemandImports.Shown} imports, newest first, with their progress");
        demand.MapGet("/imports/{importId:guid}", (Guid importId, IMediator m, CancellationToken ct, int page = 1) => m.Send(new GetDemandImport(importId, page), ct))
            .Sends<GetDemandImport>().WithSummary("An import's progress (rows done of total) and its report, rejected rows 1,000 to a page");

        var person = app.MapGroup("/api/people/{id:guid}/demand").WithTags("Demand");
        person.MapGet("/", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetPersonDemand(id), ct))
            .Sends<GetPersonDemand>().WithSummary("The demand recorded about a person, newest first");
        person.MapPost("/", async (Guid id, DemandBody b, IMediator m, CancellationToken ct) =>
                TypedResults.Created($"/api/people/{id}/demand", await m.Send(new RecordDemandEvent(
                    id, b.TypeCode, b.AgencyId, b.OccurredAt, b.Uprn, b.Postcode, b.AddressLine1, b.SourceReference, b.Classification, b.FailureTypeCode, b.AttendanceCode), ct)))
            .Sends<RecordDemandEvent>().WithSummary("Record demand they told you about: what, which agency, when, where, value or failure")
            .WithDescription("Appointments carry the NHS attendance code (0 to 7); only 3 and 7 count as missed.");
        person.MapGet("/matches", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetMatchOffers(id), ct))
            .Sends<GetMatchOffers>().WithSummary("Events from partners' data that may be this person's, waiting for a worker to say");
        person.MapPost("/matches/{offerId:guid}", async (Guid id, Guid offerId, MatchBody b, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DecideMatchOffer(id, offerId, b.Decision, b.Version), ct);
                return TypedResults.NoContent();
            })
            .Sends<DecideMatchOffer>().WithSummary("Say whether an offered event is theirs: Confirmed links it to them, NotThem leaves it unlinked");
        person.MapPost("/{eventId:guid}/reclassification", (Guid id, Guid eventId, ReclassifyBody b, IMediator m, CancellationToken ct) =>
                m.Send(new ReclassifyDemandEvent(id, eventId, b.Classification, b.FailureTypeCode, b.Reason, b.Version), ct))
            .Sends<ReclassifyDemandEvent>().WithSummary("Reclassify an event, with a reason (team leads); the earlier classification is kept")
            .WithDescription("Send the event's version as you read it; if someone reclassified it since, the answer is 409.");
    }

    internal sealed record DemandBody(
        string TypeCode, Guid AgencyId, DateTimeOffset? OccurredAt, string? Uprn, string? Postcode, string? AddressLine1, string? SourceReference,
        DemandClass? Classification, string? FailureTypeCode, int? AttendanceCode);

    /// <summary>50,000 events of the usual few hundred bytes each, with room to spare: 64 MiB.</summary>
    public const long DefaultBatchBodyBytes = 64L * 1024 * 1024;

    /// <summary>A larger body limit for one endpoint, applied by routing before the body is read.</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    internal sealed record BatchBody(Guid AgencyId, Guid? LocalityId, [property: MaxLength(50_000)] IReadOnlyList<DemandBatchEvent>? Events);

    internal sealed record ImportAccepted(Guid Id);

    internal sealed record MatchBody(MatchDecision? Decision, uint Version);

    internal sealed record ReclassifyBody(DemandClass? Classification, string? FailureTypeCode, string Reason, uint Version);
}
