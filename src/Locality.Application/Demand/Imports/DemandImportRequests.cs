using System.Text;
using System.Text.Json;
using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand.Imports;

/// <summary>Hands an accepted import to the background job that runs it.</summary>
public interface IDemandImportQueue
{
    void Enqueue(Guid importId);
}

public sealed record ImportProblemDto(long Line, string Reason);

public sealed record DemandImportDto(
    Guid Id, Guid AgencyId, string AgencyName, string FileName, ImportFormat Format, ImportStatus Status, DateTimeOffset SubmittedAt, string? SubmittedByName,
    long TotalRows, long RowsDone, long Imported, long AlreadySeen, long Rejected, long Linked, long Offered, string? Message,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, IReadOnlyList<ImportProblemDto> Problems, int ProblemsPage, int ProblemPages);

/// <summary>
/// A team lead or administrator uploads a partner's CSV file of demand events on behalf of the agency they fell on.
/// The file is checked for its shape at once (refused whole if it is not CSV, is empty, or lacks a required column)
/// and then imported in the background.
/// </summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
public sealed record UploadDemandFile(Guid AgencyId, Guid? LocalityId, string? FileName, byte[]? File) : IRequest<Guid>;

internal sealed class UploadDemandFileValidator : AbstractValidator<UploadDemandFile>
{
    public const int LargestFile = 256 * 1024 * 1024;

    public UploadDemandFileValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId).RequiredId("the agency the demand fell on")
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id), ct)).WithMessage("Choose an agency from the list");
        RuleFor(x => x.LocalityId)
            .MustAsync((id, ct) => db.Localities.AnyAsync(l => l.Id == new LocalityId(id!.Value), ct)).WithMessage("Choose a locality from the list")
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
        return import.Id;
    }
}

/// <summary>One event in a partner system's batch: the same fields as the CSV columns, as text, checked the same way.</summary>
public sealed record DemandBatchEvent(
    string? SourceReference, string? Type, string? OccurredAt, string? Uprn, string? Postcode, string? AddressLine1, string? Classification,
    string? FailureType, string? AttendanceCode, string? NhsNumber, string? GivenName, string? FamilyName, string? DateOfBirth)
{
    public string[] AsValues() =>
        [SourceReference ?? string.Empty, Type ?? string.Empty, OccurredAt ?? string.Empty, Uprn ?? string.Empty, Postcode ?? string.Empty,
         AddressLine1 ?? string.Empty, Classification ?? string.Empty, FailureType ?? string.Empty, AttendanceCode ?? string.Empty,
         NhsNumber ?? string.Empty, GivenName ?? string.Empty, FamilyName ?? string.Empty, DateOfBirth ?? string.Empty];
}

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
            .MustAsync((id, ct) => db.Localities.AnyAsync(l => l.Id == new LocalityId(id!.Value), ct)).WithMessage("Choose a locality Locality knows")
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
        return import.Id;
    }
}

/// <summary>An import's progress and its report, the rejected rows a page (1,000) at a time. A partner sees only its own agency's.</summary>
[AllowedFor(Roles.TeamLead, Roles.Admin, Roles.PartnerSystem)]
public sealed record GetDemandImport(Guid Id, int Page = 1) : IRequest<DemandImportDto>;

internal sealed class GetDemandImportValidator : AbstractValidator<GetDemandImport>
{
    public GetDemandImportValidator() => RuleFor(x => x.Page).PageNumber();
}

internal sealed class GetDemandImportHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetDemandImport, DemandImportDto>
{
    public async Task<DemandImportDto> Handle(GetDemandImport request, CancellationToken cancellationToken)
    {
        var imports = db.DemandImports.Where(i => i.Id == request.Id);
        if (user.IsInRole(Roles.PartnerSystem))
        {
            imports = imports.Where(i => i.AgencyId == user.AgencyId);
        }

        return (await DemandImportQueries.DescribeAsync(db, imports, Math.Max(1, request.Page), cancellationToken)).SingleOrDefault()
               ?? throw new NotFoundException("Import");
    }
}

/// <summary>The latest imports (100), newest first, without their rejected rows.</summary>
[AllowedFor(Roles.TeamLead, Roles.Admin)]
public sealed record ListDemandImports : IRequest<IReadOnlyList<DemandImportDto>>;

internal sealed class ListDemandImportsHandler(IApplicationDbContext db) : IRequestHandler<ListDemandImports, IReadOnlyList<DemandImportDto>>
{
    public Task<IReadOnlyList<DemandImportDto>> Handle(ListDemandImports request, CancellationToken cancellationToken) =>
        DemandImportQueries.DescribeAsync(db, db.DemandImports.OrderByDescending(i => i.SubmittedAt).Take(100), 0, cancellationToken);
}

/// <summary>Whether a file can be read as a demand CSV at all; the whole file is refused for any of these.</summary>
public static class DemandFileShape
{
    public static string? Check(byte[]? file)
    {
        if (file is null || file.Length == 0 || file.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return "The file is empty. Choose a CSV file with a header line and at least one row";
        }

        if (file.Length > UploadDemandFileValidator.LargestFile)
        {
            return $"The file is larger than {UploadDemandFileValidator.LargestFile / 1024 / 1024} MB. Split it into smaller files";
        }

        var start = file.AsSpan(0, Math.Min(file.Length, 8192));
        if (start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            return "The file is a spreadsheet workbook, not CSV. Save it as \"CSV UTF-8 (comma delimited)\" and upload that";
        }

        if (start.Contains((byte)0) || start.StartsWith("%PDF"u8))
        {
            return "The file is not CSV (it is not text). Choose a CSV file";
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(start[..Utf8Boundary(start)]);
        }
        catch (DecoderFallbackException)
        {
            return "The file is not UTF-8 text. Save it as \"CSV UTF-8 (comma delimited)\" and upload that";
        }

        using var reader = CsvRecords.Open(file);
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Problem is not null)
        {
            return "The file has no header line. The first line must name the columns";
        }

        if (DemandHeader.Read(records.Current.Values, out var problem) is null)
        {
            return problem!.TrimEnd('.');
        }

        return records.MoveNext() ? null : "The file has a header line but no rows";
    }

    /// <summary>How much of the start can be decoded without cutting a character in two.</summary>
    private static int Utf8Boundary(ReadOnlySpan<byte> start)
    {
        var end = start.Length;
        for (var back = 1; back <= 3 && back <= start.Length; back++)
        {
            if ((start[^back] & 0xC0) != 0x80)
            {
                return (start[^back] & 0x80) == 0 ? end : end - back;
            }
        }

        return end;
    }
}

internal static class DemandImportQueries
{
    public const int ProblemsPerPage = 1000;

    /// <summary>The uploader's team's locality, or the only locality there is; otherwise none (the events count by their person alone).</summary>
    public static async Task<LocalityId?> DefaultLocalityAsync(IApplicationDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.TeamId is { } team)
        {
            return await db.Teams.Where(t => t.Id == team).Select(t => (LocalityId?)t.LocalityId).SingleOrDefaultAsync(cancellationToken);
        }

        var localities = await db.Localities.Select(l => l.Id).Take(2).ToListAsync(cancellationToken);
        return localities.Count == 1 ? localities[0] : null;
    }

    public static async Task<IReadOnlyList<DemandImportDto>> DescribeAsync(IApplicationDbContext db, IQueryable<DemandImport> imports, int page, CancellationToken cancellationToken)
    {
        var list = await imports.AsNoTracking().ToListAsync(cancellationToken);
        var agencyIds = list.Select(i => i.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var userIds = list.Where(i => i.SubmittedBy is not null).Select(i => i.SubmittedBy!.Value).Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => userIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var result = new List<DemandImportDto>(list.Count);
        foreach (var i in list)
        {
            IReadOnlyList<ImportProblemDto> problems = [];
            var pages = (int)Math.Ceiling(i.Rejected / (double)ProblemsPerPage);
            if (page > 0)
            {
                problems = await db.DemandImportProblems.AsNoTracking().Where(p => p.ImportId == i.Id).OrderBy(p => p.Line)
                    .Skip((page - 1) * ProblemsPerPage).Take(ProblemsPerPage).Select(p => new ImportProblemDto(p.Line, p.Reason)).ToListAsync(cancellationToken);
            }

            result.Add(new DemandImportDto(
                i.Id, i.AgencyId.Value, agencies[i.AgencyId], i.FileName, i.Format, i.Status, i.SubmittedAt,
                i.SubmittedBy is { } by ? names.GetValueOrDefault(by) : i.SubmittedByKey is null ? null : $"{agencies[i.AgencyId]}'s system",
                i.TotalRows, i.RowsDone, i.Imported, i.AlreadySeen, i.Rejected, i.Linked, i.Offered, i.Message, i.StartedAt, i.FinishedAt,
                problems, Math.Max(1, page), pages));
        }

        return result;
    }
}
