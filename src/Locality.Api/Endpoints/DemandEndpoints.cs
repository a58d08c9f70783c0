using Locality.Application.Demand;
using Locality.Domain.Demand;
using MediatR;

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

        var person = app.MapGroup("/api/people/{id:guid}/demand").WithTags("Demand");
        person.MapGet("/", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetPersonDemand(id), ct))
            .Sends<GetPersonDemand>().WithSummary("The demand recorded about a person, newest first");
        person.MapPost("/", async (Guid id, DemandBody b, IMediator m, CancellationToken ct) =>
                TypedResults.Created($"/api/people/{id}/demand", await m.Send(new RecordDemandEvent(
                    id, b.TypeCode, b.AgencyId, b.OccurredAt, b.Uprn, b.Postcode, b.AddressLine1, b.SourceReference, b.Classification, b.FailureTypeCode, b.AttendanceCode), ct)))
            .Sends<RecordDemandEvent>().WithSummary("Record demand they told you about: what, which agency, when, where, value or failure")
            .WithDescription("Appointments carry the NHS attendance code (0 to 7); only 3 and 7 count as missed.");
        person.MapPost("/{eventId:guid}/reclassification", (Guid id, Guid eventId, ReclassifyBody b, IMediator m, CancellationToken ct) =>
                m.Send(new ReclassifyDemandEvent(id, eventId, b.Classification, b.FailureTypeCode, b.Reason, b.Version), ct))
            .Sends<ReclassifyDemandEvent>().WithSummary("Reclassify an event, with a reason (team leads); the earlier classification is kept")
            .WithDescription("Send the event's version as you read it; if someone reclassified it since, the answer is 409.");
    }

    internal sealed record DemandBody(
        string TypeCode, Guid AgencyId, DateTimeOffset? OccurredAt, string? Uprn, string? Postcode, string? AddressLine1, string? SourceReference,
        DemandClass? Classification, string? FailureTypeCode, int? AttendanceCode);

    internal sealed record ReclassifyBody(DemandClass? Classification, string? FailureTypeCode, string Reason, uint Version);
}
