using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

public sealed record DemandTypeDto(string Code, string Name, bool RecordsAttendance, bool CountsTowardsRepeatCallOuts);

public sealed record FailureTypeDto(string Code, string Name, string? Example);

public sealed record DemandCatalogueDto(IReadOnlyList<DemandTypeDto> Types, IReadOnlyList<FailureTypeDto> FailureTypes);

/// <summary>A change of classification; the failure types as codes (for partner systems) and as names (for people).</summary>
public sealed record ReclassificationDto(
    DemandClass From, string? FromFailureType, DemandClass To, string? ToFailureType, string Reason, string? ByName, DateTimeOffset At,
    string? FromFailureTypeName = null, string? ToFailureTypeName = null);

public sealed record DemandEventDto(
    Guid Id, string TypeCode, string TypeName, Guid AgencyId, string AgencyName, DateTimeOffset OccurredAt, string? Uprn, string? Postcode, string? AddressLine1,
    Guid? PersonId, string? SourceReference, DemandClass Classification, string? FailureTypeCode, string? FailureTypeName, int? AttendanceCode,
    bool IsMissedAppointment, IReadOnlyList<ReclassificationDto> Reclassifications, uint Version);

/// <summary>The demand types and the kinds of failure demand to choose from.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin, Roles.PartnerSystem)]
public sealed record GetDemandCatalogue : IRequest<DemandCatalogueDto>;

internal sealed class GetDemandCatalogueHandler(IApplicationDbContext db) : IRequestHandler<GetDemandCatalogue, DemandCatalogueDto>
{
    public async Task<DemandCatalogueDto> Handle(GetDemandCatalogue request, CancellationToken cancellationToken) => new(
        (await db.DemandTypes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Name).Select(t => new DemandTypeDto(t.Code, t.Name, t.RecordsAttendance, t.CountsTowardsRepeatCallOuts)).ToList(),
        (await db.FailureTypes.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(t => t.Name).Select(t => new FailureTypeDto(t.Code, t.Name, t.Example)).ToList());
}

/// <summary>
/// Records demand a worker heard about from the person: what, which agency it fell on, when, where, and whether it
/// was value or failure demand (with the kind of failure). Appointments carry the NHS attendance code.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record RecordDemandEvent(
    Guid PersonId, string TypeCode, Guid AgencyId, DateTimeOffset? OccurredAt, string? Uprn, string? Postcode, string? AddressLine1, string? SourceReference,
    DemandClass? Classification, string? FailureTypeCode, int? AttendanceCode) : IRequest<IReadOnlyList<DemandEventDto>>, IChangesPerson;

internal sealed class RecordDemandEventValidator : AbstractValidator<RecordDemandEvent>
{
    public RecordDemandEventValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.TypeCode)
            .NotEmpty().WithMessage("Choose what kind of demand it was")
            .MustAsync((code, ct) => db.DemandTypes.AnyAsync(t => t.Code == code, ct)).WithMessage("Choose a kind of demand from the list");
        RuleFor(x => x.AgencyId).RequiredId("the agency it fell on")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage("Choose an agency from the list");
        RuleFor(x => x.OccurredAt)
            .NotNull().WithMessage("Enter when it happened")
            .Must(at => at <= clock.GetUtcNow().AddMinutes(5)).WithMessage("The date must be today or in the past")
            .Must(at => at >= clock.GetUtcNow().AddYears(-10)).WithMessage("The date must be within the last 10 years");
        RuleFor(x => x.Uprn).Must(u => Uprn.TryParse(u, out _)).WithMessage("A UPRN is up to 12 digits, with no letters").When(x => !string.IsNullOrWhiteSpace(x.Uprn));
        RuleFor(x => x.Postcode).Must(p => Domain.People.Postcode.TryParse(p, out _)).WithMessage("Enter a real postcode, like WN1 1XX").When(x => !string.IsNullOrWhiteSpace(x.Postcode));
        RuleFor(x => x.AddressLine1).OptionalText("the first line of the address", DemandEvent.AddressLineMaxLength);
        RuleFor(x => x.SourceReference).OptionalText("the reference", DemandEvent.SourceReferenceMaxLength);
        RuleFor(x => x.Classification).NotNull().WithMessage("Say whether it was value or failure demand").IsInEnum().WithMessage("Say whether it was value or failure demand");
        RuleFor(x => x.FailureTypeCode)
            .NotEmpty().WithMessage("Say what kind of failure demand it was")
            .MustAsync((code, ct) => db.FailureTypes.AnyAsync(t => t.Code == code, ct)).WithMessage("Choose a kind of failure demand from the list")
            .When(x => x.Classification == DemandClass.Failure);
        RuleFor(x => x.AttendanceCode).InclusiveBetween(0, 7).WithMessage("An attendance code is 0 to 7").When(x => x.AttendanceCode is not null);
        RuleFor(x => x.AttendanceCode)
            .MustAsync(async (request, code, ct) => code is not null || !await db.DemandTypes.AnyAsync(t => t.Code == request.TypeCode && t.RecordsAttendance, ct))
            .WithMessage("Choose whether they attended (the attendance code)");
    }
}

internal sealed class RecordDemandEventHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RecordDemandEvent, IReadOnlyList<DemandEventDto>>
{
    public async Task<IReadOnlyList<DemandEventDto>> Handle(RecordDemandEvent request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var type = await db.DemandTypes.AsNoTracking().SingleAsync(t => t.Code == request.TypeCode, cancellationToken);
        var recordsAttendance = type.RecordsAttendance;
        var demand = new DemandEvent(
            type.Code, new AgencyId(request.AgencyId), request.OccurredAt!.Value,
            string.IsNullOrWhiteSpace(request.Uprn) ? null : Uprn.Parse(request.Uprn).Value,
            string.IsNullOrWhiteSpace(request.Postcode) ? null : Domain.People.Postcode.Parse(request.Postcode).Value,
            request.AddressLine1, conversation.PersonId, request.SourceReference, request.Classification!.Value, request.FailureTypeCode,
            recordsAttendance ? request.AttendanceCode : null, user.UserId, now);
        var (teamId, localityId) = await DemandQueries.TeamOfAsync(db, conversation.LeadWorkerId, cancellationToken);
        demand.CountIn(localityId, teamId);
        db.DemandEvents.Add(demand);
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == demand.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var failure = demand.FailureTypeCode is { } code ? await db.FailureTypes.AsNoTracking().Where(t => t.Code == code).Select(t => t.Name).SingleAsync(cancellationToken) : null;
        db.TimelineEntries.Add(conversation.RecordDemand(
            DemandEvent.TimelineLine(type.Name, agency, demand.IsMissedAppointment, demand.Classification, failure), demand.OccurredAt, user.AsAuthor(), now));
        await db.SaveChangesAsync(cancellationToken);
        return await DemandQueries.ForPersonAsync(db, conversation.PersonId, cancellationToken);
    }
}

/// <summary>The demand recorded about a person, newest first, with every change to how each was classified.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record GetPersonDemand(Guid PersonId) : IRequest<IReadOnlyList<DemandEventDto>>, IReadsPerson;

internal sealed class GetPersonDemandHandler(IApplicationDbContext db) : IRequestHandler<GetPersonDemand, IReadOnlyList<DemandEventDto>>
{
    public async Task<IReadOnlyList<DemandEventDto>> Handle(GetPersonDemand request, CancellationToken cancellationToken) =>
        await DemandQueries.ForPersonAsync(db, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), cancellationToken);
}

/// <summary>
/// A team lead changes how an event about a person was classified, with a reason. The earlier classification is
/// kept. <c>Version</c> is the event's version as read (409 if someone reclassified it since).
/// </summary>
[AllowedFor(Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record ReclassifyDemandEvent(Guid PersonId, Guid EventId, DemandClass? Classification, string? FailureTypeCode, string Reason, uint Version)
    : IRequest<DemandEventDto>, IChangesPerson;

internal sealed class ReclassifyDemandEventValidator : AbstractValidator<ReclassifyDemandEvent>
{
    public ReclassifyDemandEventValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Classification).NotNull().WithMessage("Say whether it was value or failure demand").IsInEnum().WithMessage("Say whether it was value or failure demand");
        RuleFor(x => x.FailureTypeCode)
            .NotEmpty().WithMessage("Say what kind of failure demand it was")
            .MustAsync((code, ct) => db.FailureTypes.AnyAsync(t => t.Code == code, ct)).WithMessage("Choose a kind of failure demand from the list")
            .When(x => x.Classification == DemandClass.Failure);
        RuleFor(x => x.Reason).RequiredText("why it is being reclassified", DemandEvent.ReasonMaxLength);
    }
}

internal sealed class ReclassifyDemandEventHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ReclassifyDemandEvent, DemandEventDto>
{
    public async Task<DemandEventDto> Handle(ReclassifyDemandEvent request, CancellationToken cancellationToken)
    {
        // The person was checked (and the change audited) before this runs; the event must be theirs.
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var demand = await db.DemandEvents.SingleOrDefaultAsync(e => e.Id == request.EventId && e.PersonId == person, cancellationToken)
                     ?? throw new NotFoundException("Demand event");
        db.ExpectVersion(demand, request.Version);
        db.DemandReclassifications.Add(demand.Reclassify(request.Classification!.Value, request.FailureTypeCode, request.Reason, user.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return (await DemandQueries.DescribeAsync(db, db.DemandEvents.Where(e => e.Id == demand.Id), cancellationToken)).Single();
    }
}

internal static class DemandQueries
{
    /// <summary>The team (and its locality) a person's demand counts for: their lead worker's.</summary>
    public static async Task<(TeamId Team, LocalityId Locality)> TeamOfAsync(IApplicationDbContext db, UserId leadWorker, CancellationToken cancellationToken)
    {
        var team = await (from s in db.StaffMembers
                          join t in db.Teams on s.TeamId equals t.Id
                          where s.Id == leadWorker
                          select new { t.Id, t.LocalityId }).SingleAsync(cancellationToken);
        return (team.Id, team.LocalityId);
    }

    public static Task<IReadOnlyList<DemandEventDto>> ForPersonAsync(IApplicationDbContext db, PersonId person, CancellationToken cancellationToken) =>
        DescribeAsync(db, db.DemandEvents.Where(e => e.PersonId == person), cancellationToken);

    public static async Task<IReadOnlyList<DemandEventDto>> DescribeAsync(IApplicationDbContext db, IQueryable<DemandEvent> events, CancellationToken cancellationToken) =>
        await DescribeAsync(db, await events.AsNoTracking().OrderByDescending(e => e.OccurredAt).Take(500).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Events already read, described with their names and every change to how each was classified.</summary>
    public static async Task<IReadOnlyList<DemandEventDto>> DescribeAsync(IApplicationDbContext db, IReadOnlyList<DemandEvent> list, CancellationToken cancellationToken)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var ids = list.Select(e => e.Id).ToList();
        var changes = await db.DemandReclassifications.AsNoTracking().Where(r => ids.Contains(r.EventId)).OrderBy(r => r.At).ToListAsync(cancellationToken);
        var types = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);
        var failures = await db.FailureTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);
        var agencyIds = list.Select(e => e.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var staff = changes.Where(c => c.By is not null).Select(c => c.By!.Value).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => staff.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return list.Select(e => new DemandEventDto(
            e.Id, e.TypeCode, types[e.TypeCode], e.AgencyId.Value, agencies[e.AgencyId], e.OccurredAt, e.Uprn, e.Postcode, e.AddressLine1, e.PersonId?.Value,
            e.SourceReference, e.Classification, e.FailureTypeCode, e.FailureTypeCode is { } f ? failures[f] : null, e.AttendanceCode, e.IsMissedAppointment,
            changes.Where(c => c.EventId == e.Id).Select(c => new ReclassificationDto(
                c.From, c.FromFailureTypeCode, c.To, c.ToFailureTypeCode, c.Reason, c.By is { } by ? names.GetValueOrDefault(by) : null, c.At,
                c.FromFailureTypeCode is { } from ? failures.GetValueOrDefault(from, from) : null,
                c.ToFailureTypeCode is { } to ? failures.GetValueOrDefault(to, to) : null)).ToList(),
            e.Version)).ToList();
    }
}

/// <summary>An event from a partner's data that may be this person's, and why it was offered.</summary>
public sealed record MatchOfferDto(Guid Id, string Why, DemandEventDto Event, uint Version);

/// <summary>Events from partners' data that may be this person's, waiting for a worker to say whether they are.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record GetMatchOffers(Guid PersonId) : IRequest<IReadOnlyList<MatchOfferDto>>, IReadsPerson;

internal sealed class GetMatchOffersHandler(IApplicationDbContext db) : IRequestHandler<GetMatchOffers, IReadOnlyList<MatchOfferDto>>
{
    public async Task<IReadOnlyList<MatchOfferDto>> Handle(GetMatchOffers request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var offers = await db.DemandMatchOffers.AsNoTracking().Where(o => o.PersonId == person && o.Decision == null).OrderBy(o => o.OfferedAt).Take(200).ToListAsync(cancellationToken);
        var eventIds = offers.Select(o => o.EventId).ToList();
        var events = (await DemandQueries.DescribeAsync(db, db.DemandEvents.Where(e => eventIds.Contains(e.Id)), cancellationToken)).ToDictionary(e => e.Id);
        return offers.Where(o => events.ContainsKey(o.EventId)).Select(o => new MatchOfferDto(o.Id, o.Why, events[o.EventId], o.Version)).ToList();
    }
}

/// <summary>
/// A worker says whether an offered event is this person's. Confirmed, it is linked to them (their timeline and their
/// team's figures) and any other person it was offered for is answered "not them"; otherwise it stays unlinked.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.DemandEvents)]
public sealed record DecideMatchOffer(Guid PersonId, Guid OfferId, MatchDecision? Decision, uint Version) : IRequest<Unit>, IChangesPerson;

internal sealed class DecideMatchOfferValidator : AbstractValidator<DecideMatchOffer>
{
    public DecideMatchOfferValidator()
    {
        RuleFor(x => x.Decision).NotNull().WithMessage("Say whether this is theirs").IsInEnum().WithMessage("Say whether this is theirs");
    }
}

internal sealed class DecideMatchOfferHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<DecideMatchOffer, Unit>
{
    public async Task<Unit> Handle(DecideMatchOffer request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var offer = await db.DemandMatchOffers.SingleOrDefaultAsync(o => o.Id == request.OfferId && o.PersonId == conversation.PersonId, cancellationToken)
                    ?? throw new NotFoundException("Possible match");
        db.ExpectVersion(offer, request.Version);
        offer.Decide(request.Decision!.Value, user.UserId, now);
        if (request.Decision == MatchDecision.Confirmed)
        {
            var demand = await db.DemandEvents.SingleAsync(e => e.Id == offer.EventId, cancellationToken);
            var (teamId, localityId) = await DemandQueries.TeamOfAsync(db, conversation.LeadWorkerId, cancellationToken);
            demand.LinkTo(conversation.PersonId, localityId, teamId);
            foreach (var other in await db.DemandMatchOffers.Where(o => o.EventId == offer.EventId && o.Id != offer.Id && o.Decision == null).ToListAsync(cancellationToken))
            {
                other.Decide(MatchDecision.NotThem, user.UserId, now);
            }

            var type = await db.DemandTypes.AsNoTracking().Where(t => t.Code == demand.TypeCode).Select(t => t.Name).SingleAsync(cancellationToken);
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == demand.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
            db.TimelineEntries.Add(conversation.RecordDemand(
                DemandEvent.TimelineLine(type, agency, demand.IsMissedAppointment, demand.Classification, null, $"from {agency}'s data, confirmed as theirs by a worker"),
                demand.OccurredAt, user.AsAuthor(), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
