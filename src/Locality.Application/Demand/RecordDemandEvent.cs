using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand;

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
            .ExistingAgency(db, "Choose an agency from the list");
        RuleFor(x => x.OccurredAt)
            .NotNull().WithMessage("Enter when it happened")
            .Must(at => at <= clock.GetUtcNow().AddMinutes(5)).WithMessage("The date must be today or in the past")
            .Must(at => at >= clock.GetUtcNow().AddYears(-RecordedDates.FurthestBackYears)).WithMessage($"The date must be within the last {RecordedDates.FurthestBackYears} years");
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
