using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Locality.Application.Tests.Schema;

/// <summary>
/// <c>pg_dump --schema-only --no-owner --no-privileges</c> of a database, normalised so that two dumps of the same
/// schema are equal text: comments, <c>SET</c> and <c>set_config</c> lines, blank lines, pg_dump's
/// <c>\restrict</c>/<c>\unrestrict</c> lines (a random token each run) and any <c>__EFMigrationsHistory</c> rows are
/// left out. Nothing else is touched: the order of columns, constraints and every function body are compared as
/// pg_dump prints them.
/// </summary>
internal static partial class SchemaDump
{
    public static async Task<string> OfAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo
        {
            FileName = PgDump(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--schema-only", "--no-owner", "--no-privileges",
                     "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", builder.Username!, "-d", builder.Database!,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (builder.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pg_dump.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
        }

        return Normalise(await output);
    }

    public static string Normalise(string dump) =>
        string.Join('\n', dump.Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0
                           && !line.StartsWith("--", StringComparison.Ordinal)
                           && !line.StartsWith("SET ", StringComparison.Ordinal)
                           && !line.StartsWith("SELECT pg_catalog.set_config(", StringComparison.Ordinal)
                           && !line.StartsWith(@"\restrict", StringComparison.Ordinal)
                           && !line.StartsWith(@"\unrestrict", StringComparison.Ordinal)
                           && !MigrationHistoryRow().IsMatch(line))) + "\n";

    /// <summary>The lines where two normalised dumps first differ, with a few lines of each around them; null when equal.</summary>
    public static string? FirstDifference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        var at = 0;
        while (at < want.Length && at < got.Length && want[at] == got[at])
        {
            at++;
        }

        if (at == want.Length && at == got.Length)
        {
            return null;
        }

        static string Around(string[] lines, int at) =>
            string.Join('\n', lines.Skip(Math.Max(0, at - 3)).Take(8).Select((line, i) => $"  {Math.Max(0, at - 3) + i + 1,5}: {line}"));

        return $"The schemas first differ at line {at + 1}.\nExpected (fixture):\n{Around(want, at)}\nActual (new database):\n{Around(got, at)}";
    }

    private static string PgDump()
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("LOCALITY_PG_BIN") is { Length: > 0 } given)
        {
            folders.Add(given);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            folders.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return folders.Select(folder => Path.Combine(folder, "pg_dump")).FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException(
                   "This test compares schemas with pg_dump, and no pg_dump was found (in LOCALITY_PG_BIN, under /usr/lib/postgresql/*/bin " +
                   "or on PATH). Install the PostgreSQL client of the server's major version, e.g. 'sudo apt-get install -y postgresql-client-15' " +
                   "(or 'postgresql', which deploy/local/test.sh installs), or set LOCALITY_PG_BIN to the folder that holds pg_dump.");
    }

    [GeneratedRegex(@"__ef_?migrations_?history.*\d{14}_|^\d{14}_\w+\t", RegexOptions.IgnoreCase)]
    private static partial Regex MigrationHistoryRow();
}
