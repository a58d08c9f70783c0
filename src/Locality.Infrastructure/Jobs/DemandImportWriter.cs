using System.Data;
using System.Globalization;
using System.Text;
using Locality.Application.Demand.Imports;
using Locality.Domain.Conversations;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Stores one import's checked rows a chunk at a time, each chunk in one transaction that also moves the import's
/// counts on, so the progress shown is always what is stored. Within the transaction the agency's import lock is
/// held: two imports for the same agency (the same file uploaded twice at once) take turns chunk by chunk, and the
/// second finds the first one's rows already there. The unique index on agency and source reference stands behind it.
/// Rows are matched to people (NHS number, or exactly one person with the same name and date of birth); a weaker
/// likeness is only offered to a worker to confirm. New events go in with one binary COPY.
/// </summary>
internal sealed class DemandImportWriter(LocalityDbContext db, DemandImport import, TimeProvider clock)
{
    private readonly HashSet<string> seenInThisImport = new(StringComparer.Ordinal);
    private string agencyName = string.Empty;
    private Dictionary<string, string> typeNames = [];

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        agencyName = await db.Agencies.Where(a => a.Id == import.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        typeNames = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);
    }

    public async Task WriteAsync(IReadOnlyList<IncomingDemand> rows, IReadOnlyList<DemandImportProblem> problems, long rowsInChunk, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('demand-import:' || $1::text, 0))", connection))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter { Value = import.AgencyId.Value.ToString() });
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            var fresh = new List<IncomingDemand>(rows.Count);
            long alreadySeen = 0;
            var stored = await StoredReferencesAsync(connection, rows, cancellationToken);
            foreach (var row in rows)
            {
                if (stored.Contains(row.SourceReference) || !seenInThisImport.Add(row.SourceReference))
                {
                    alreadySeen++;
                }
                else
                {
                    fresh.Add(row);
                }
            }

            var now = clock.GetUtcNow();
            var matches = await PersonMatcher.MatchAsync(connection, fresh, cancellationToken);
            var ids = new DemandEventId[fresh.Count];
            for (var i = 0; i < fresh.Count; i++)
            {
                ids[i] = DemandEventId.New();
            }

            await CopyEventsAsync(connection, fresh, ids, matches, now, cancellationToken);
            await CopyProblemsAsync(connection, problems, cancellationToken);

            long linked = 0;
            long offered = 0;
            var linkedRows = Enumerable.Range(0, fresh.Count).Where(i => matches.Linked.ContainsKey(i)).ToList();
            if (linkedRows.Count > 0)
            {
                var people = linkedRows.Select(i => matches.Linked[i].Person).Distinct().ToList();
                var conversations = await db.Conversations.Where(c => people.Contains(c.PersonId)).ToDictionaryAsync(c => c.PersonId, cancellationToken);
                foreach (var i in linkedRows.Where(i => conversations.ContainsKey(matches.Linked[i].Person)))
                {
                    var row = fresh[i];
                    db.TimelineEntries.Add(conversations[matches.Linked[i].Person].RecordDemand(
                        DemandEvent.TimelineLine(typeNames[row.TypeCode], agencyName, DemandEvent.IsMissed(row.AttendanceCode), row.Classification, null,
                            $"from {agencyName}'s data, matched by {matches.Linked[i].How}"),
                        row.OccurredAt, new Author(import.SubmittedBy, import.AgencyId), now));
                    linked++;
                }
            }

            foreach (var (index, people) in matches.Offers)
            {
                foreach (var (person, why) in people)
                {
                    db.DemandMatchOffers.Add(new DemandMatchOffer(ids[index], person, why, now));
                    offered++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.DemandImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.RowsDone, i => i.RowsDone + rowsInChunk)
                    .SetProperty(i => i.Imported, i => i.Imported + fresh.Count)
                    .SetProperty(i => i.AlreadySeen, i => i.AlreadySeen + alreadySeen)
                    .SetProperty(i => i.Rejected, i => i.Rejected + problems.Count)
                    .SetProperty(i => i.Linked, i => i.Linked + linked)
                    .SetProperty(i => i.Offered, i => i.Offered + offered),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        });
    }

    private async Task<HashSet<string>> StoredReferencesAsync(NpgsqlConnection connection, IReadOnlyList<IncomingDemand> rows, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return stored;
        }

        await using var command = new NpgsqlCommand(
            "SELECT source_reference FROM demand_events WHERE agency_id = $1 AND source_reference = ANY($2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = import.AgencyId.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.SourceReference).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }

    private async Task CopyEventsAsync(
        NpgsqlConnection connection, List<IncomingDemand> rows, DemandEventId[] ids, PersonMatches matches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(DemandEventCopy.Statement, cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            var link = matches.Linked.TryGetValue(i, out var found) ? found : (PersonMatch?)null;
            await DemandEventCopy.WriteAsync(writer, new NewDemandEvent(rows[i], ids[i], link, import, now), cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private async Task CopyProblemsAsync(NpgsqlConnection connection, IReadOnlyList<DemandImportProblem> problems, CancellationToken cancellationToken)
    {
        if (problems.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync("COPY demand_import_problems (import_id, line, reason) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var problem in problems)
        {
            await writer.WriteRowAsync(cancellationToken, problem.ImportId.Value, problem.Line, problem.Reason);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}

internal readonly record struct PersonMatch(PersonId Person, string How, LocalityId? Locality, TeamId? Team);

internal sealed record PersonMatches(Dictionary<int, PersonMatch> Linked, Dictionary<int, List<(PersonId Person, string Why)>> Offers);

/// <summary>
/// Finds whose an incoming event is. Linked only on a certain match: the NHS number of exactly one person, or exactly
/// one person with the same given (or preferred) and family name and date of birth. Offered to a worker to confirm,
/// never linked: the same name and date of birth shared by several people, or the same date of birth with only one
/// of the names the same.
/// </summary>
internal static class PersonMatcher
{
    public static async Task<PersonMatches> MatchAsync(NpgsqlConnection connection, List<IncomingDemand> rows, CancellationToken cancellationToken)
    {
        var linked = new Dictionary<int, PersonMatch>();
        var offers = new Dictionary<int, List<(PersonId, string)>>();
        var candidates = Enumerable.Range(0, rows.Count).Where(i => rows[i].CanBeMatched).ToList();
        if (candidates.Count == 0)
        {
            return new PersonMatches(linked, offers);
        }

        var nhs = candidates.Select(i => rows[i].NhsNumber).Where(n => n is not null).Distinct().ToArray();
        var births = candidates.Select(i => rows[i].DateOfBirth).Where(d => d is not null).Select(d => d!.Value).Distinct().ToArray();
        var people = new List<(Guid Id, string? Nhs, string Given, string? Preferred, string Family, DateOnly? Born, Guid? Team, Guid? Locality)>();
        await using (var command = new NpgsqlCommand(
                         """
                         SELECT p.id, p.nhs_number, p.given_name, p.preferred_name, p.family_name, p.date_of_birth, s.team_id, t.locality_id
                         FROM people p
                         LEFT JOIN conversations c ON c.person_id = p.id
                         LEFT JOIN staff_members s ON s.id = c.lead_worker_id
                         LEFT JOIN teams t ON t.id = s.team_id
                         WHERE p.merged_into_id IS NULL AND (p.nhs_number = ANY($1) OR p.date_of_birth = ANY($2))
                         """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = nhs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Char });
            command.Parameters.Add(new NpgsqlParameter { Value = births, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                people.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1).Trim(), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                    reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.IsDBNull(7) ? null : reader.GetGuid(7)));
            }
        }

        if (people.Count == 0)
        {
            return new PersonMatches(linked, offers);
        }

        var byNhs = people.Where(p => p.Nhs is not null).GroupBy(p => p.Nhs!).ToDictionary(g => g.Key, g => g.ToList());
        var byBirth = people.Where(p => p.Born is not null).GroupBy(p => p.Born!.Value).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var i in candidates)
        {
            var row = rows[i];
            if (row.NhsNumber is { } number && byNhs.TryGetValue(number, out var withNumber) && withNumber.Count == 1)
            {
                var p = withNumber[0];
                linked[i] = new PersonMatch(new PersonId(p.Id), "NHS number", Locality(p.Locality), Team(p.Team));
                continue;
            }

            if (row.DateOfBirth is not { } born || !byBirth.TryGetValue(born, out var sameBirth))
            {
                continue;
            }

            var given = Normalise(row.GivenName);
            var family = Normalise(row.FamilyName);
            var exact = sameBirth.Where(p => family.Length > 0 && Normalise(p.Family) == family
                                             && given.Length > 0 && (Normalise(p.Given) == given || Normalise(p.Preferred) == given)).ToList();
            if (exact.Count == 1)
            {
                linked[i] = new PersonMatch(new PersonId(exact[0].Id), "name and date of birth", Locality(exact[0].Locality), Team(exact[0].Team));
                continue;
            }

            var possible = exact.Count > 1
                ? exact.Select(p => (new PersonId(p.Id), "The same name and date of birth as more than one person")).ToList()
                : sameBirth.Where(p => (family.Length > 0 && Normalise(p.Family) == family) || (given.Length > 0 && (Normalise(p.Given) == given || Normalise(p.Preferred) == given)))
                    .Select(p => (new PersonId(p.Id), "The same date of birth and one of the names")).ToList();
            if (possible.Count > 0)
            {
                offers[i] = possible.Take(5).ToList();
            }
        }

        return new PersonMatches(linked, offers);
    }

    private static LocalityId? Locality(Guid? id) => id is { } value ? new LocalityId(value) : null;

    private static TeamId? Team(Guid? id) => id is { } value ? new TeamId(value) : null;

    /// <summary>Lower case, letters only: "O'Brien" and "obrien" are the same name.</summary>
    private static string Normalise(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c))
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
