using Locality.Application.Demand.Imports;

namespace Locality.Web.Models;

/// <summary>How an import is going, in a sentence.</summary>
public static class DemandImportWords
{
    public static string Progress(DemandImportDto import) => import.Status switch
    {
        Domain.Demand.ImportStatus.Waiting => "Waiting to start",
        Domain.Demand.ImportStatus.Running => $"Running: {import.RowsDone:N0} of {import.TotalRows:N0} rows done",
        Domain.Demand.ImportStatus.Refused => "Not imported: the file could not be read",
        _ => $"Finished: {import.RowsDone:N0} of {import.TotalRows:N0} rows done",
    };
}
