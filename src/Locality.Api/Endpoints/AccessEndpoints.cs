using Locality.Application.Access;
using Locality.Application.Sharing;
using Locality.Domain.Access;
using Locality.Infrastructure.Web;
using MediatR;

namespace Locality.Api.Endpoints;

/// <summary>
/// Who may see a person's record and who has: emergency access, the access log, consent and lawful bases, restricted
/// entries, sharing agreements, the audit and the retention review.
/// </summary>
internal static class AccessEndpoints
{
    public static void MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{id:guid}");

        person.MapPost("/emergency-access", async (Guid id, ReasonBody b, IMediator m, CancellationToken ct) =>
            {
                var grant = await m.Send(new BreakGlass(id, b.Reason), ct);
                return TypedResults.Created($"/api/emergency-access/{grant.Id}", grant);
            })
            .WithTags("Access").Sends<BreakGlass>()
            .WithSummary("Open, in an emergency, the record of someone you are not in the team around")
            .WithDescription($"A reason is required. The access lasts a limited time ({AccessOptions.DefaultBreakGlassHours} hours unless configured), is shown to the person's lead worker and team lead, and is listed for review.");
        person.MapGet("/access-log", (Guid id, int? page, IMediator m, CancellationToken ct) => m.Send(new GetPersonAccessLog(id, page ?? 1), ct))
            .WithTags("Access").Sends<GetPersonAccessLog>()
            .WithSummary("Who has seen or changed this person's record (the lead worker and team lead)");

        person.MapGet("/sharing", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetPersonSharing(id), ct))
            .WithTags("Sharing").Sends<GetPersonSharing>()
            .WithSummary("What each partner agency can see of this person now, and why; consent history and lawful bases");
        person.MapPost("/consents", (Guid id, ConsentBody b, IMediator m, CancellationToken ct) =>
                m.Send(new RecordConsent(id, b.Decision, b.AgencyIds, b.Sections, b.Method, b.ReviewOn, b.Note), ct))
            .WithTags("Sharing").Sends<RecordConsent>()
            .WithSummary("Record the person's consent to share: given, refused or withdrawn")
            .WithDescription("No agencies means every partner; no sections means every part the agreement shares. Withdrawing takes effect at once.");
        person.MapPost("/lawful-bases", (Guid id, LawfulBasisBody b, IMediator m, CancellationToken ct) =>
                m.Send(new RecordLawfulBasis(id, b.AgencyId, b.Kind, b.Sections, b.Reason, b.DecidedBy, b.StartsOn, b.EndsOn), ct))
            .WithTags("Sharing").Sends<RecordLawfulBasis>()
            .WithSummary("Record a lawful basis for sharing without consent (for example safeguarding), with a reason and who decided");
        person.MapPost("/lawful-bases/{basisId:guid}/end", (Guid id, Guid basisId, VersionBody b, IMediator m, CancellationToken ct) =>
                m.Send(new EndLawfulBasis(id, basisId, b.Version), ct))
            .WithTags("Sharing").Sends<EndLawfulBasis>().WithSummary("End a lawful basis today");
        person.MapPost("/timeline/{entryId:guid}/restriction", (Guid id, Guid entryId, RestrictionBody b, IMediator m, CancellationToken ct) =>
                m.Send(new RestrictEntry(id, entryId, b.Roles, b.UserIds, b.Reason), ct))
            .WithTags("Sharing").Sends<RestrictEntry>()
            .WithSummary("Restrict an entry to named roles or people; everyone else cannot see it anywhere");
        person.MapPost("/timeline/{entryId:guid}/restriction/lift", (Guid id, Guid entryId, IMediator m, CancellationToken ct) =>
                m.Send(new LiftRestriction(id, entryId), ct))
            .WithTags("Sharing").Sends<LiftRestriction>().WithSummary("Lift an entry's restriction");

        app.MapGet("/api/emergency-access", (bool? includeReviewed, IMediator m, CancellationToken ct) =>
                m.Send(new GetEmergencyAccessReview(includeReviewed ?? false), ct))
            .WithTags("Access").Sends<GetEmergencyAccessReview>().WithSummary("Emergency accesses waiting for review (team leads, administrators)");
        app.MapPost("/api/emergency-access/{grantId:guid}/review", (Guid grantId, EmergencyAccessReviewBody b, IMediator m, CancellationToken ct) =>
                m.Send(new ReviewEmergencyAccess(grantId, b.Note), ct))
            .WithTags("Access").Sends<ReviewEmergencyAccess>().WithSummary("Mark an emergency access as reviewed");
        app.MapGet("/api/audit", (Guid? userId, Guid? personId, DateTimeOffset? from, DateTimeOffset? to, int? page, IMediator m, CancellationToken ct) =>
                m.Send(new GetAuditRecords(userId, personId, from, to, page ?? 1), ct))
            .WithTags("Access").Sends<GetAuditRecords>().WithSummary("Search the audit by user, person and date (administrators)");
        app.MapGet("/api/retention-review", (IMediator m, CancellationToken ct) => m.Send(new GetRetentionReview(), ct))
            .WithTags("Access").Sends<GetRetentionReview>()
            .WithSummary("People with no contact for the retention period, for review; nothing is deleted automatically");

        var agreements = app.MapGroup("/api/sharing-agreements").WithTags("Sharing agreements");
        agreements.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new GetSharingAgreements(), ct))
            .Sends<GetSharingAgreements>().WithSummary("Every partner agency and its sharing agreement, if any");
        agreements.MapGet("/{agencyId:guid}", (Guid agencyId, IMediator m, CancellationToken ct) => m.Send(new GetSharingAgreement(agencyId), ct))
            .Sends<GetSharingAgreement>().WithSummary("One agency's sharing agreement with its versions");
        agreements.MapPut("/{agencyId:guid}", (Guid agencyId, AgreementBody b, IMediator m, CancellationToken ct) =>
                m.Send(new SaveSharingAgreement(agencyId, b.Sections, b.MayContribute, b.StartsOn, b.EndsOn, b.Note, b.Version), ct))
            .Sends<SaveSharingAgreement>()
            .WithSummary("Make or change an agency's sharing agreement; every change is a new version")
            .WithDescription("Send version 0 to make the first agreement, otherwise the version you read; if it has changed since, the answer is 409.");

        var shared = app.MapGroup("/api/shared/people").WithTags("Partner access").WithMetadata(new RateLimitedAttribute(RateLimits.PartnerApi));
        shared.MapGet("/", (string? name, IMediator m, CancellationToken ct) => m.Send(new GetSharedPeople(name), ct))
            .Sends<GetSharedPeople>().WithSummary("The people shared with your agency (partners)");
        shared.MapGet("/{id:guid}", (Guid id, IMediator m, CancellationToken ct) => m.Send(new GetSharedPerson(id), ct))
            .Sends<GetSharedPerson>()
            .WithSummary("A person shared with your agency: only the parts you may see")
            .WithDescription("A person not shared with your agency answers 404, exactly as a person who does not exist.");
        shared.MapPost("/{id:guid}/contributions", async (Guid id, SharedContributionBody b, IMediator m, CancellationToken ct) =>
                TypedResults.Created($"/api/shared/people/{id}", await m.Send(new AddSharedContribution(id, b.Text, b.OccurredAt), ct)))
            .Sends<AddSharedContribution>().WithSummary("Add what your agency knows to a shared person's timeline, where your agreement allows");
    }

    internal sealed record ReasonBody(string Reason);

    internal sealed record VersionBody(uint Version);

    internal sealed record EmergencyAccessReviewBody(string? Note);

    internal sealed record ConsentBody(
        ConsentDecision? Decision, IReadOnlyList<Guid>? AgencyIds, IReadOnlyList<RecordSection>? Sections, ConsentMethod? Method, DateOnly? ReviewOn, string? Note);

    internal sealed record LawfulBasisBody(
        Guid AgencyId, LawfulBasisKind? Kind, IReadOnlyList<RecordSection>? Sections, string Reason, string DecidedBy, DateOnly? StartsOn, DateOnly? EndsOn);

    internal sealed record RestrictionBody(IReadOnlyList<string>? Roles, IReadOnlyList<Guid>? UserIds, string Reason);

    internal sealed record AgreementBody(IReadOnlyList<RecordSection>? Sections, bool MayContribute, DateOnly? StartsOn, DateOnly? EndsOn, string? Note, uint Version);

    internal sealed record SharedContributionBody(string Text, DateTimeOffset? OccurredAt);
}
