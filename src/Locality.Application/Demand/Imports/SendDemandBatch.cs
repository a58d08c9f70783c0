using System.Text.Json;
using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Demand.Imports;

/// <summary>One event in a partner system's batch: the same fields as the CSV columns (each <see cref="DemandColumn"/> says which), as text, checked the same way.</summary>
public sealed record DemandBatchEvent(
    string? SourceReference, string? Type, string? OccurredAt, string? Uprn, string? Postcode, string? AddressLine1, string? Classification,
    string? FailureType, string? AttendanceCode, string? NhsNumber, string? GivenName, string? FamilyName, string? DateOfBirth);

/// <summary>
/// A partner system sends a batch of its agency's demand events (its own key: another agency's is refused with 403).
/// The batch is imported in the background like an uploaded file; each event is reported by its place in the batch.
/// </summary>
[AllowedFor(Roles.PartnerSystem)]
public sealed record SendDemandBatch(Guid AgencyId, Guid? LocalityId, IReadOnlyList<DemandBatchEvent>? Events) : IRequest<Guid>;

internal sealed class SendDemandBatchValidator : AbstractValidator<SendDemandBatch>
{
    public const int LargestBatch = 50_000;

    public SendDemandBatchValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId).RequiredId("the agency the demand fell on");
        RuleFor(x => x.LocalityId)
            .ExistingLocality(db, "Choose a locality Locality knows")
            .When(x => x.LocalityId is not null);
        RuleFor(x => x.Events)
            .NotEmpty().WithMessage("Send at least one event")
            .Must(e => e is null || e.Count <= LargestBatch).WithMessage($"Send at most {LargestBatch:N0} events in one batch");
        RuleForEach(x => x.Events).NotNull().WithMessage("An event cannot be null");
    }
}

internal sealed class SendDemandBatchHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IDemandImportQueue queue)
    : IRequestHandler<SendDemandBatch, Guid>
{
    public async Task<Guid> Handle(SendDemandBatch request, CancellationToken cancellationToken)
    {
        if (user.AgencyId?.Value != request.AgencyId)
        {
            throw new ForbiddenException("This key belongs to another agency: a partner system sends only its own agency's demand.");
        }

        var locality = request.LocalityId is { } chosen ? new LocalityId(chosen) : await DemandImportQueries.DefaultLocalityAsync(db, user, cancellationToken);
        var import = new DemandImport(
            new AgencyId(request.AgencyId), locality, ImportFormat.Json, "batch", request.Events!.Count, null, user.ApiKeyId, clock.GetUtcNow());
        db.DemandImports.Add(import);
        db.DemandImportPayloads.Add(new DemandImportPayload(import.Id, JsonSerializer.SerializeToUtf8Bytes(request.Events)));
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(import.Id);
        return import.Id.Value;
    }
}
