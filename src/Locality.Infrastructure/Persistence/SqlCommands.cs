using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Locality.Infrastructure.Persistence;

/// <summary>
/// Plain SQL on the context's own connection, inside its transaction when one is open (a command's unit of work), with
/// positional parameters (<c>$1</c>, <c>$2</c>…). Instants go in as UTC, as they do through EF.
/// </summary>
internal static class SqlCommands
{
    public static async Task<NpgsqlCommand> CommandAsync(this LocalityDbContext db, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset instant ? instant.ToUniversalTime() : value ?? DBNull.Value });
        }

        return command;
    }
}
