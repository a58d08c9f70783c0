using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Demand.Imports;

/// <summary>
/// A team lead or administrator uploads a partner's CSV file of demand events on behalf of the agency they fell on.
/// The file is checked for its shape at once (refused whole if it is not CSV, is empty, or lacks a required column)
/// and then imported in the background.
/// </summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
[AsksForRecentSecondFactor(Roles.Admin)]
public sealed record UploadDemandFile(Guid AgencyId, Guid? LocalityId, string? FileName, byte[]? File) : IRequest<Guid>;

internal sealed class UploadDemandFileValidator : AbstractValidator<UploadDemandFile>
{
    public const int LargestFile = 256 * 1024 * 1024;

    public UploadDemandFileValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId).RequiredId("the agency the demand fell on")
            .ExistingAgency(db, "Choose an agency from the list");
        RuleFor(x => x.LocalityId)
            .ExistingLocality(db, "Choose a locality from the list")
            .When(x => x.LocalityId is not null);
        RuleFor(x => x.FileName).OptionalText("the file name", 1000);
        RuleFor(x => x.File).Custom((file, context) =>
        {
            if (DemandFileShape.Check(file) is { } problem)
            {
                context.AddFailure(nameof(UploadDemandFile.File), problem);
            }
        });
    }
}

internal sealed class UploadDemandFileHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IDemandImportQueue queue)
    : IRequestHandler<UploadDemandFile, Guid>
{
    public async Task<Guid> Handle(UploadDemandFile request, CancellationToken cancellationToken)
    {
        var locality = request.LocalityId is { } chosen ? new LocalityId(chosen) : await DemandImportQueries.DefaultLocalityAsync(db, user, cancellationToken);
        var import = new DemandImport(
            new AgencyId(request.AgencyId), locality, ImportFormat.Csv, Path.GetFileName(request.FileName ?? "upload.csv"), 0, user.UserId, null, clock.GetUtcNow());
        db.DemandImports.Add(import);
        db.DemandImportPayloads.Add(new DemandImportPayload(import.Id, request.File!));
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(import.Id);
        return import.Id.Value;
    }
}
