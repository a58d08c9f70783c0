using Locality.Domain.Demand;

namespace Locality.Application.Demand.Imports;

public sealed record ImportProblemDto(long Line, string Reason);

public sealed record DemandImportDto(
    Guid Id, Guid AgencyId, string AgencyName, string FileName, ImportFormat Format, ImportStatus Status, DateTimeOffset SubmittedAt, string? SubmittedByName,
    long TotalRows, long RowsDone, long Imported, long AlreadySeen, long Rejected, long Linked, long Offered, string? Message,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, IReadOnlyList<ImportProblemDto> Problems, int ProblemsPage, int ProblemPages);
