namespace Locality.Infrastructure.Persistence.Migrations.Sql;

/// <summary>
/// A piece of the schema EF Core does not model (a trigger, a function, a table kept in plain SQL), applied by a
/// migration's <c>Up</c> as <see cref="Up"/> and taken away by its <c>Down</c> as <see cref="Down"/>.
/// </summary>
public sealed record NamedSql(string Name, string Up, string Down)
{
    public override string ToString() => Name;
}
