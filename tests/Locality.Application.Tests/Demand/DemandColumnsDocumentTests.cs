using System.Text.RegularExpressions;
using Locality.Application.Demand.Imports;
using Locality.Testing;

namespace Locality.Application.Tests.Demand;

/// <summary>The format partners are given (docs/demand-import-format.md) lists the columns the reader reads, no more and no fewer.</summary>
public sealed partial class DemandColumnsDocumentTests
{
    [Fact]
    public void TheFormatsColumnTable_ListsEveryColumn_InOrder_WithTheRequiredOnesMarked()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "docs", "demand-import-format.md"))
            .SkipWhile(l => l != "## The columns").Skip(1).TakeWhile(l => !l.StartsWith('#')).Select(l => ColumnRow().Match(l)).Where(m => m.Success)
            .Select(m => (Name: m.Groups["name"].Value, Required: m.Groups["required"].Value == "yes")).ToList();

        Assert.Equal(DemandColumns.All.Select(c => c.Name), rows.Select(r => r.Name));
        Assert.Equal(DemandColumns.Required.Select(c => c.Name), rows.Where(r => r.Required).Select(r => r.Name));
    }

    [GeneratedRegex(@"^\| `(?<name>[a-z0-9_]+)` \| (?<required>[^|]+?) \|")]
    private static partial Regex ColumnRow();
}
