using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Locality.Testing;

namespace Locality.Api.Tests;

/// <summary>
/// Runs the restore drill (deploy/local/restore-drill.sh) as an operator would: a source cluster with Locality's real
/// migrations and demo data from the Locality.Api.dll beside these tests, a base backup and WAL archive, a point-in-time
/// restore into a fresh cluster. The drill fails the build when a restore does not give back exactly what was there at
/// the target time.
/// </summary>
public sealed partial class RestoreDrillTests
{
    [Fact]
    public async Task TheDrill_RestoresToTheTargetTime_WithEveryFigureAsItWasAndNothingWrittenAfter()
    {
        var (exitCode, output) = await RestoreDrill.RunAsync();

        Assert.True(exitCode == 0, $"The restore drill failed (exit {exitCode}):{Environment.NewLine}{output}");
        Assert.Contains("RESTORE DRILL PASSED", output, StringComparison.Ordinal);
        var entries = RestoreDrill.Figure(output, "timeline_entries");
        Assert.Equal(entries.Expected, entries.Found);
        Assert.True(long.Parse(entries.Expected, CultureInfo.InvariantCulture) > 1000, $"Too few timeline entries to prove anything:{Environment.NewLine}{output}");
        var checksum = RestoreDrill.Figure(output, "timeline checksum");
        Assert.Matches(Md5(), checksum.Found);
        Assert.Equal(checksum.Expected, checksum.Found);
        Assert.Equal(("0", "0", "ok"), RestoreDrill.Figure(output, "entries written after T"));
        var afterTarget = AbsentAfterTarget().Match(output);
        Assert.True(afterTarget.Success, $"The drill did not say what was written after T:{Environment.NewLine}{output}");
        Assert.True(int.Parse(afterTarget.Groups["written"].Value, CultureInfo.InvariantCulture) > 0, output);
        Assert.Contains("recovery stopping before commit of transaction", output, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Md5();

    [GeneratedRegex(@"Rows written after T and absent from the restore: (?<written>\d+) timeline entries \(found: 0\)")]
    private static partial Regex AbsentAfterTarget();
}

/// <summary>
/// The drill must be able to fail: with one timeline entry deleted from the restored cluster before the comparison
/// (<c>--tamper</c>), it exits 1 and names the figures that differ. In a class of its own so that it runs beside the
/// other drill rather than after it.
/// </summary>
public sealed class RestoreDrillTamperTests
{
    [Fact]
    public async Task TheDrill_Fails_AndNamesTheTimeline_WhenARestoredEntryIsMissing()
    {
        var (exitCode, output) = await RestoreDrill.RunAsync("--tamper");

        Assert.True(exitCode == 1, $"The tampered drill should have failed with exit 1 (a mismatch), not {exitCode}:{Environment.NewLine}{output}");
        var entries = RestoreDrill.Figure(output, "timeline_entries");
        Assert.Equal("MISMATCH", entries.Verdict);
        Assert.Equal(long.Parse(entries.Expected, CultureInfo.InvariantCulture) - 1, long.Parse(entries.Found, CultureInfo.InvariantCulture));
        var checksum = RestoreDrill.Figure(output, "timeline checksum");
        Assert.Equal("MISMATCH", checksum.Verdict);
        Assert.NotEqual(checksum.Expected, checksum.Found);
        Assert.Equal("ok", RestoreDrill.Figure(output, "people").Verdict);
        Assert.Contains("RESTORE DRILL FAILED: 2 figure(s) did not match: timeline_entries; timeline checksum;", output, StringComparison.Ordinal);
        Assert.DoesNotContain("RESTORE DRILL PASSED", output, StringComparison.Ordinal);
    }
}

/// <summary>Runs deploy/local/restore-drill.sh with the Locality.Api.dll these tests were built with.</summary>
internal static partial class RestoreDrill
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(9);

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(RepositoryFiles.Root, "deploy", "local", "restore-drill.sh"),
                     "--api-dll", Path.Combine(AppContext.BaseDirectory, "Locality.Api.dll"),
                     "--entries", "1200",
                     "--time-limit", ((int)Limit.TotalSeconds - 30).ToString(CultureInfo.InvariantCulture),
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The restore drill did not finish in {Limit.TotalMinutes} minutes:{Environment.NewLine}{Text(output)}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text(output));
    }

    /// <summary>One row of the drill's report: the figure expected at the target time, the one found after the restore, and ok or MISMATCH.</summary>
    public static (string Expected, string Found, string Verdict) Figure(string output, string name)
    {
        var row = FigureRow().Matches(output).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.True(row is not null, $"The drill's report has no '{name}' row:{Environment.NewLine}{output}");
        return (row.Groups["expected"].Value, row.Groups["found"].Value, row.Groups["verdict"].Value);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"^  (?<name>[a-z_]+(?: [a-zA-Z]+)*) +(?<expected>\S+) +(?<found>\S+) +(?<verdict>ok|MISMATCH)\r?$", RegexOptions.Multiline)]
    private static partial Regex FigureRow();
}
