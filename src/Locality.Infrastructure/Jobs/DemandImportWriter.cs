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
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.Jobs;

/// <summary>
/// Stores one import's checked rows a chunk at a time, each chunk in one transaction that also moves the import's
/// counts on, so the progress shown is always what is stored. A chunk is one binary COPY into <c>demand_events</c>,
/// fed as the rows are checked (<see cref="AddAsync"/>) and finished after <see cref="DemandImportOptions.ChunkRows"/>
/// rows or at the end of the file (<see cref="CommitChunkAsync"/>): the fewer the statements, the less the totals
/// triggers cost PostgreSQL, and the rows never wait in memory.
/// Within the transaction the agency's import lock is held: two imports for the same agency (the same file uploaded
/// twice at once) take turns chunk by chunk, and the second finds the first one's rows already there. The unique
/// index on agency and source reference stands behind it: rows go in without looking up which references are stored
/// already, and the index refuses a chunk holding one. The job then starts again after the last stored chunk,
/// carefully (<see cref="StoreCarefullyAsync"/>): each checked batch in a transaction of its own, storing only the
/// references not stored yet.
/// Rows come matched to people (NHS number, or exactly one person with the same name and date of birth; a weaker
/// likeness is only offered to a worker to confirm), <see cref="PersonMatcher"/>, on the checking's own connection.
/// </summary>
internal sealed class DemandImportWriter(LocalityDbContext db, DemandImport import, TimeProvider clock)
{
    private const string SourceReferenceIndex = "ix_demand_events_agency_id_source_reference";

    /// <summary>The longest a chunk's COPY may take to end.</summary>
    private static readonly TimeSpan ChunkTimeout = TimeSpan.FromMinutes(30);

    private readonly List<DemandImportProblem> problems = [];
    private readonly List<LinkedRow> linked = [];
    private readonly List<OfferedRow> offers = [];
    private string agencyName = string.Empty;
    private Dictionary<string, string> typeNames = [];
    private IDbContextTransaction? transaction;
    private NpgsqlBinaryImporter? copy;
    private DateTimeOffset now;
    private long rows;
    private long imported;
    private long alreadySeen;

    /// <summary>Where the storing's time went, phase by phase, over the chunks stored so far.</summary>
    public ImportPhases Phases { get; } = new();

    /// <summary>The rows of the file the chunk now being fed covers (none when no chunk is open).</summary>
    public long RowsInChunk => rows;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        agencyName = await db.Agencies.Where(a => a.Id == import.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        typeNames = await db.DemandTypes.AsNoTracking().ToDictionaryAsync(t => t.Code, t => t.Name, cancellationToken);

        // Held open for the whole import: one connection, not one from the pool (and reset) for every chunk.
        await db.Database.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="ex"/> is the unique index refusing a source reference the agency has stored already.</summary>
    public static bool IsAlreadyStored(Exception ex)
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

    /// <summary>
    /// Feeds one checked batch into the chunk being stored, beginning the chunk (its transaction, the agency's lock and
    /// the COPY) if none is open: the batch's new rows (<see cref="CheckedChunk.Fresh"/>) go into the COPY, and its
    /// rejected rows, links and likenesses wait for the chunk's end. On failure the chunk is abandoned (rolled back).
    /// </summary>
    public async Task AddAsync(CheckedChunk batch, CancellationToken cancellationToken)
    {
        try
        {
            if (transaction is null)
            {
                await BeginChunkAsync(cancellationToken);
            }

            var phase = Phases.Start();
            await WriteEventsAsync(copy!, batch, batch.Fresh, linked, offers, cancellationToken);
            Phases.Add("events", phase);
            problems.AddRange(batch.Bad);
            rows += batch.Rows;
            imported += batch.Fresh.Count;
            alreadySeen += batch.Good.Count - batch.Fresh.Count;
        }
        catch
        {
            await AbandonChunkAsync();
            throw;
        }
    }

    /// <summary>
    /// Finishes the chunk being fed: ends the COPY (PostgreSQL checks the last rows and updates the totals), stores
    /// the rejected rows, the linked people's timeline entries and the likenesses offered, moves the import's counts
    /// on, and commits. Returns what the chunk stored; nothing when no chunk was open.
    /// </summary>
    public async Task<StoredChunk?> CommitChunkAsync(CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            return null;
        }

        try
        {
            var phase = Phases.Start();
            await copy!.CompleteAsync(cancellationToken);
            await copy.DisposeAsync();
            copy = null;
            phase = Phases.Add("events", phase);
            var stored = await FinishAsync(rows, imported, alreadySeen, problems, linked, offers, phase, cancellationToken);
            var committing = Phases.Start();
            await transaction.CommitAsync(cancellationToken);
            Phases.Add("commit", committing);
            await AbandonChunkAsync();
            return stored;
        }
        catch
        {
            await AbandonChunkAsync();
            throw;
        }
    }

    /// <summary>Rolls the chunk being fed back (if any) and forgets it; the rows are checked again on the next run.</summary>
    public async Task AbandonChunkAsync()
    {
        if (copy is not null)
        {
            try
            {
                await copy.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
            {
                // The COPY is being cancelled, or the connection is gone; the transaction goes with it.
            }

            copy = null;
        }

        if (transaction is not null)
        {
            try
            {
                await transaction.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and the transaction with it.
            }

            transaction = null;
        }

        problems.Clear();
        linked.Clear();
        offers.Clear();
        (rows, imported, alreadySeen) = (0, 0, 0);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Stores one checked batch in a transaction of its own, looking up first which of its references are stored
    /// already (those count as already seen): the way of an import that found its rows stored before.
    /// </summary>
    public async Task<StoredChunk> StoreCarefullyAsync(CheckedChunk batch, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var careful = await BeginAsync(cancellationToken);
            var phase = Phases.Start();
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var fresh = batch.Fresh;
            var stored = await StoredReferencesAsync(connection, fresh.Select(i => batch.Good[i].SourceReference).ToArray(), cancellationToken);
            fresh = stored.Count == 0 ? fresh : fresh.Where(i => !stored.Contains(batch.Good[i].SourceReference)).ToList();
            phase = Phases.Add("setting aside rows stored before", phase);

            var linkedHere = new List<LinkedRow>();
            var offersHere = new List<OfferedRow>();
            if (fresh.Count > 0)
            {
                await using var events = await connection.BeginBinaryImportAsync(DemandEventCopy.Statement, cancellationToken);
                await WriteEventsAsync(events, batch, fresh, linkedHere, offersHere, cancellationToken);
                await events.CompleteAsync(cancellationToken);
            }

            phase = Phases.Add("events", phase);
            var result = await FinishAsync(batch.Rows, fresh.Count, batch.Good.Count - fresh.Count, batch.Bad, linkedHere, offersHere, phase, cancellationToken);
            await careful.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return result;
        });
    }

    /// <summary>
    /// Writes the rows at <paramref name="places"/> of <paramref name="batch"/> into <paramref name="events"/>, each with a
    /// new id, noting the rows linked to someone with a conversation (for their timeline) and the likenesses to offer.
    /// </summary>
    private async Task WriteEventsAsync(
        NpgsqlBinaryImporter events, CheckedChunk batch, IEnumerable<int> places, List<LinkedRow> linkedRows, List<OfferedRow> offeredRows,
        CancellationToken cancellationToken)
    {
        foreach (var i in places)
        {
            var row = batch.Good[i];
            var id = DemandEventId.New();
            PersonMatch? link = batch.Matches.Linked.TryGetValue(i, out var found) ? found : null;
            await DemandEventCopy.WriteAsync(events, new NewDemandEvent(row, id, link, import, now), cancellationToken);
            if (link is { } person && batch.Matches.Conversations.TryGetValue(person.Person, out var conversation))
            {
                linkedRows.Add(new LinkedRow(row, person, conversation));
            }

            if (batch.Matches.Offers.TryGetValue(i, out var people))
            {
                offeredRows.Add(new OfferedRow(id, people));
            }
        }
    }

    private async Task BeginChunkAsync(CancellationToken cancellationToken)
    {
        transaction = await BeginAsync(cancellationToken);
        copy = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(DemandEventCopy.Statement, cancellationToken);

        // PostgreSQL checks the chunk's foreign keys and updates the totals when the COPY ends, for all its rows at
        // once: that may take minutes on a large chunk, far longer than a command is given. Stopping the worker still
        // cancels it at once.
        copy.Timeout = ChunkTimeout;
    }

    /// <summary>Begins a chunk's transaction and takes the agency's import lock in it.</summary>
    private async Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var phase = Phases.Start();
        var begun = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await using (var lockCommand = new NpgsqlCommand(
                         "SELECT pg_advisory_xact_lock(hashtextextended('demand-import:' || $1::text, 0))", (NpgsqlConnection)db.Database.GetDbConnection()))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = import.AgencyId.Value.ToString() });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        now = clock.GetUtcNow();
        Phases.Add("lock", phase);
        return begun;
    }

    /// <summary>The rest of a chunk after its events: rejected rows, timeline entries, offers and the import's counts.</summary>
    private async Task<StoredChunk> FinishAsync(
        long rowsInChunk, long stored, long seen, IReadOnlyList<DemandImportProblem> rejected,
        IReadOnlyList<LinkedRow> people, IReadOnlyList<OfferedRow> likenesses, long phase, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await CopyProblemsAsync(connection, rejected, cancellationToken);
        phase = Phases.Add("problems", phase);

        foreach (var (row, link, conversation) in people)
        {
            db.TimelineEntries.Add(conversation.RecordDemand(
                DemandEvent.TimelineLine(typeNames[row.TypeCode], agencyName, DemandEvent.IsMissed(row.AttendanceCode), row.Classification, null,
                    $"from {agencyName}'s data, matched by {link.How}"),
                row.OccurredAt, new Author(import.SubmittedBy, import.AgencyId), now));
        }

        long offered = 0;
        foreach (var (id, candidates) in likenesses)
        {
            foreach (var (person, why) in candidates)
            {
                db.DemandMatchOffers.Add(new DemandMatchOffer(id, person, why, now));
                offered++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        phase = Phases.Add("timeline and offers", phase);
        await db.DemandImports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.RowsDone, i => i.RowsDone + rowsInChunk)
                .SetProperty(i => i.Imported, i => i.Imported + stored)
                .SetProperty(i => i.AlreadySeen, i => i.AlreadySeen + seen)
                .SetProperty(i => i.Rejected, i => i.Rejected + rejected.Count)
                .SetProperty(i => i.Linked, i => i.Linked + people.Count)
                .SetProperty(i => i.Offered, i => i.Offered + offered),
            cancellationToken);
        Phases.Add("counts", phase);
        return new StoredChunk(rowsInChunk, stored, seen, rejected.Count);
    }

    private async Task<HashSet<string>> StoredReferencesAsync(NpgsqlConnection connection, string[] references, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (references.Length == 0)
        {
            return stored;
        }

        await using var command = new NpgsqlCommand(
            "SELECT source_reference FROM demand_events WHERE agency_id = $1 AND source_reference = ANY($2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = import.AgencyId.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = references });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetString(0));
        }

        return stored;
    }

    private static async Task CopyProblemsAsync(NpgsqlConnection connection, IReadOnlyList<DemandImportProblem> problems, CancellationToken cancellationToken)
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

/// <summary>
/// One batch of an import, checked: its good rows, the places in <see cref="Good"/> of those not seen earlier in the
/// import (in the order they came), whose the good rows are, its rejected rows, and how many rows of the file it covers.
/// </summary>
internal sealed record CheckedChunk(List<IncomingDemand> Good, List<int> Fresh, PersonMatches Matches, List<DemandImportProblem> Bad, long Rows);

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

/// <summary>A stored row linked to someone with a conversation: their timeline gets an entry for it.</summary>
internal readonly record struct LinkedRow(IncomingDemand Row, PersonMatch Link, Conversation Conversation);

/// <summary>A stored event and the people it may be about, to offer a worker.</summary>
internal readonly record struct OfferedRow(DemandEventId Id, List<(PersonId Person, string Why)> People);

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
