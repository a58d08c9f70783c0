using Locality.Domain.Demand;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Locality.Application.Tests.Demand;

/// <summary>
/// The import writes <c>demand_events</c> with a binary COPY that names its columns itself, outside EF. These hold
/// that list to the EF model, so renaming a property or a column, or adding a required one, fails here.
/// </summary>
public sealed class DemandEventCopyTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task EveryColumnTheImportCopies_IsAColumnOfDemandEvents_AndNoneTwice()
    {
        var (table, columns) = await app.WithDbAsync(db => Task.FromResult(MappedColumns(db)));

        Assert.Equal("demand_events", table.Name);
        Assert.All(DemandEventCopy.ColumnNames, c => Assert.True(columns.ContainsKey(c), $"{c} is not a column EF maps on demand_events"));
        Assert.Equal(DemandEventCopy.ColumnNames.Count, DemandEventCopy.ColumnNames.Distinct().Count());
    }

    [Fact]
    public async Task EveryRequiredColumnTheDatabaseDoesNotFillItself_IsCopied()
    {
        var (_, columns) = await app.WithDbAsync(db => Task.FromResult(MappedColumns(db)));

        var required = columns.Where(c => !c.Value.IsNullable && c.Value.Property.ValueGenerated == ValueGenerated.Never
                                          && c.Value.Property.GetDefaultValueSql() is null && c.Value.Property.GetComputedColumnSql() is null)
            .Select(c => c.Key).ToList();

        Assert.NotEmpty(required);
        Assert.Empty(required.Except(DemandEventCopy.ColumnNames));
    }

    /// <summary>The table <see cref="DemandEvent"/> maps to, and each of its columns with the property behind it.</summary>
    private static (StoreObjectIdentifier Table, Dictionary<string, (IProperty Property, bool IsNullable)> Columns) MappedColumns(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(DemandEvent)) ?? throw new InvalidOperationException("DemandEvent is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().ToDictionary(p => p.GetColumnName(table)!, p => (Property: (IProperty)p, IsNullable: p.IsColumnNullable(table)));
        return (table, columns);
    }
}
