using System.Data;
using System.Diagnostics;
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
/// second finds the first one's rows already there. The unique index on agency and source reference stands behind it:
/// a chunk is first stored without looking up which references are stored already (the index refuses the chunk if one
/// is), and only a chunk the index refused, and every chunk after it, looks them up first.
/// Rows come matched to people (NHS number, or exactly one person with the same name and date of birth; a weaker
/// likeness is only offered to a worker to confirm), <see cref="PersonMatcher"/>, on another connection while the
/// chunk before is stored. New events go in with one binary COPY.
/// </summary>
internal sealed class DemandImportWriter(LocalityDbContext db, DemandImport import, TimeProvider clock)
{
    private const string SourceReferenceIndex = "ix_demand_events_agency_id_source_reference";

    private readonly HashSet<string> seenInThisImport = new(StringComparer.Ordinal);
    private bool careful;
    private string agencyName = string.Empty;
    private Dictionary<string, string> typeNames = [];

    /// <summary>Where the storing's time went, phase by phase, over the chunks stored so far (logged at Debug).</summary>
    public ImportPhases Phases { get; } = new();

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        agencyName = await db.Agencies.Where(a => a.Id == import.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        typeNames = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);

        // Held open for the whole import: one connection, not one from the pool (and reset) for every chunk.
        await db.Database.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Stores one chunk: <paramref name="rows"/> are its good rows, <paramref name="matches"/> whose they are (by their
    /// place in <paramref name="rows"/>, found before storing, <see cref="PersonMatcher"/>), <paramref name="problems"/>
    /// its rejected rows.
    /// </summary>
    public async Task WriteAsync(
        IReadOnlyList<IncomingDemand> rows, PersonMatches matches, IReadOnlyList<DemandImportProblem> problems, long rowsInChunk, CancellationToken cancellationToken)
    {
        if (!careful)
        {
            var attempt = Phases.Start();
            try
            {
                await StoreAsync(rows, matches, problems, rowsInChunk, lookUpStored: false, cancellationToken);
                return;
            }
            catch (Exception ex) when (IsAlreadyStored(ex))
            {
                Phases.Add("a chunk refused by the unique index, to store again", attempt);

                // A row of this chunk was stored before (by an earlier run of this import, or another import of the
                // same file): the chunk's transaction is rolled back, and this chunk and every later one look up
                // which of their references are stored before storing.
                db.ChangeTracker.Clear();
                careful = true;
            }
        }

        await StoreAsync(rows, matches, problems, rowsInChunk, lookUpStored: true, cancellationToken);
    }

    private static bool IsAlreadyStored(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SourceReferenceIndex })
            {
                return true;
            }
        }

        return false;
    }

    private async Task StoreAsync(
        IReadOnlyList<IncomingDemand> rows, PersonMatches matches, IReadOnlyList<DemandImportProblem> problems, long rowsInChunk, bool lookUpStored,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var phase = Phases.Start();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('demand-import:' || $1::text, 0))", connection))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter { Value = import.AgencyId.Value.ToString() });
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            phase = Phases.Add("lock", phase);

            // Which rows are new: not seen earlier in this import (nor earlier in this chunk) and, when looking up,
            // not stored already. Without the look-up the unique index on agency and reference stands guard: a row
            // stored before fails the COPY, and WriteAsync stores the chunk again, looking up.
            HashSet<string> stored = lookUpStored ? await StoredReferencesAsync(connection, rows, cancellationToken) : [];
            var seenHere = new HashSet<string>(StringComparer.Ordinal);
            var fresh = new List<int>(rows.Count);
            long alreadySeen = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var reference = rows[i].SourceReference;
                if (stored.Contains(reference) || seenInThisImport.Contains(reference) || !seenHere.Add(reference))
                {
                    alreadySeen++;
                }
                else
                {
                    fresh.Add(i);
                }
            }

            phase = Phases.Add("stored references", phase);
            var now = clock.GetUtcNow();
            var ids = new DemandEventId[rows.Count];
            foreach (var i in fresh)
            {
                ids[i] = DemandEventId.New();
            }

            await CopyEventsAsync(connection, rows, fresh, ids, matches, now, cancellationToken);
            phase = Phases.Add("events", phase);
            await CopyProblemsAsync(connection, problems, cancellationToken);
            phase = Phases.Add("problems", phase);

            long linked = 0;
            long offered = 0;
            var linkedRows = fresh.Where(i => matches.Linked.ContainsKey(i)).ToList();
            if (linkedRows.Count > 0)
            {
                var conversations = matches.Conversations;
                foreach (var i in linkedRows.Where(i => conversations.ContainsKey(matches.Linked[i].Person)))
                {
                    var row = rows[i];
                    db.TimelineEntries.Add(conversations[matches.Linked[i].Person].RecordDemand(
                        DemandEvent.TimelineLine(typeNames[row.TypeCode], agencyName, DemandEvent.IsMissed(row.AttendanceCode), row.Classification, null,
                            $"from {agencyName}'s data, matched by {matches.Linked[i].How}"),
                        row.OccurredAt, new Author(import.SubmittedBy, import.AgencyId), now));
                    linked++;
                }
            }

            foreach (var i in fresh)
            {
                if (matches.Offers.TryGetValue(i, out var people))
                {
                    foreach (var (person, why) in people)
                    {
                        db.DemandMatchOffers.Add(new DemandMatchOffer(ids[i], person, why, now));
                        offered++;
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            phase = Phases.Add("timeline and offers", phase);
            await db.DemandImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.RowsDone, i => i.RowsDone + rowsInChunk)
                    .SetProperty(i => i.Imported, i => i.Imported + fresh.Count)
                    .SetProperty(i => i.AlreadySeen, i => i.AlreadySeen + alreadySeen)
                    .SetProperty(i => i.Rejected, i => i.Rejected + problems.Count)
                    .SetProperty(i => i.Linked, i => i.Linked + linked)
                    .SetProperty(i => i.Offered, i => i.Offered + offered),
                cancellationToken);
            phase = Phases.Add("counts", phase);
            await transaction.CommitAsync(cancellationToken);
            Phases.Add("commit", phase);
            db.ChangeTracker.Clear();

            // Only once stored: a chunk that failed and is stored again must not find its own rows "seen".
            seenInThisImport.UnionWith(seenHere);
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
        NpgsqlConnection connection, IReadOnlyList<IncomingDemand> rows, List<int> fresh, DemandEventId[] ids, PersonMatches matches, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(DemandEventCopy.Statement, cancellationToken);
        foreach (var i in fresh)
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

/// <summary>Time spent per phase of an import, added up over its chunks.</summary>
internal sealed class ImportPhases
{
    private readonly Dictionary<string, TimeSpan> spent = [];

    public long Start() => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> to <paramref name="name"/>; returns the time now, to go on from.</summary>
    public long Add(string name, long since)
    {
        var now = Stopwatch.GetTimestamp();
        lock (spent)
        {
            spent[name] = spent.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(since, now);
        }

        return now;
    }

    public override string ToString()
    {
        lock (spent)
        {
            return string.Join(", ", spent.Select(p => $"{p.Key} {p.Value.TotalSeconds:0.00} s"));
        }
    }
}

internal readonly record struct PersonMatch(PersonId Person, string How, LocalityId? Locality, TeamId? Team);

/// <summary>
/// Whose a chunk's rows are, by their place in the chunk: the rows linked, the likenesses to offer, and the
/// conversations of the people linked (read only, for their timeline entries).
/// </summary>
internal sealed record PersonMatches(
    Dictionary<int, PersonMatch> Linked, Dictionary<int, List<(PersonId Person, string Why)>> Offers, Dictionary<PersonId, Conversation> Conversations);

/// <summary>
/// Finds whose an incoming event is. Linked only on a certain match: the NHS number of exactly one person, or exactly
/// one person with the same given (or preferred) and family name and date of birth. Offered to a worker to confirm,
/// never linked: the same name and date of birth shared by several people, or the same date of birth with only one
/// of the names the same.
/// </summary>
internal static class PersonMatcher
{
    /// <summary>Matches the rows on <paramref name="db"/>'s connection, which is open; the conversations are read untracked.</summary>
    public static async Task<PersonMatches> MatchAsync(LocalityDbContext db, IReadOnlyList<IncomingDemand> rows, CancellationToken cancellationToken)
    {
        var (linked, offers) = await MatchAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, cancellationToken);
        var people = linked.Values.Select(m => m.Person).Distinct().ToList();
        var conversations = people.Count == 0
            ? []
            : await db.Conversations.AsNoTracking().Where(c => people.Contains(c.PersonId)).ToDictionaryAsync(c => c.PersonId, cancellationToken);
        return new PersonMatches(linked, offers, conversations);
    }

    private static async Task<(Dictionary<int, PersonMatch> Linked, Dictionary<int, List<(PersonId, string)>> Offers)> MatchAsync(
        NpgsqlConnection connection, IReadOnlyList<IncomingDemand> rows, CancellationToken cancellationToken)
    {
        var linked = new Dictionary<int, PersonMatch>();
        var offers = new Dictionary<int, List<(PersonId, string)>>();
        var candidates = Enumerable.Range(0, rows.Count).Where(i => rows[i].CanBeMatched).ToList();
        if (candidates.Count == 0)
        {
            return (linked, offers);
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
            return (linked, offers);
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

        return (linked, offers);
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
