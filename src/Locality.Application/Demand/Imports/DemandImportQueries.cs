using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Demand.Imports;

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
                i.Id.Value, i.AgencyId.Value, agencies[i.AgencyId], i.FileName, i.Format, i.Status, i.SubmittedAt,
                i.SubmittedBy is { } by ? names.GetValueOrDefault(by) : i.SubmittedByKey is null ? null : $"{agencies[i.AgencyId]}'s system",
                i.TotalRows, i.RowsDone, i.Imported, i.AlreadySeen, i.Rejected, i.Linked, i.Offered, i.Message, i.StartedAt, i.FinishedAt,
                problems, Math.Max(1, page), pages));
        }

        return result;
    }
}
