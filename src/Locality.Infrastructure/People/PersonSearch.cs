using System.Data.Common;
using System.Text;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Locality.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.People;

/// <summary>
/// Finds people with PostgreSQL. Names are matched by trigram similarity (pg_trgm, GIN indexes) over the full name
/// and the name they are known by, so typos and preferred names both find them. A name alone is looked for first
/// with a strict similarity, which lets the index rule out everyone who only shares a common first name; only if that
/// finds no one is it looked for again with pg_trgm's usual, looser similarity. With a date of birth, postcode or NHS
/// number, the exact fields narrow it first and names are compared among those few. Merged-away records are never listed.
/// </summary>
internal sealed class PersonSearch(LocalityDbContext db, TimeProvider clock, IOptions<ConversationOptions> options) : IPersonSearch
{
    private const string SearchSavepoint = "person_search";

    private const string Columns = """
        p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.approximate_age, p.approximate_age_recorded_on,
        p.postcode, p.nhs_number, s.display_name, c.resting_until, c.last_successful_contact_at, c.opened_at
        """;

    private const string Joins = "JOIN conversations c ON c.person_id = p.id JOIN staff_members s ON s.id = c.lead_worker_id";
    private const string WholeNameScore = "greatest(similarity(p.name_full, @name), similarity(p.name_known_as, @name))";
    private const string OneWordScore = "greatest(word_similarity(@name, p.name_full), word_similarity(@name, p.name_known_as))";

    /// <summary>Similarity needed (whole names, a word within a name): strict first, then pg_trgm's defaults.</summary>
    private static readonly (double WholeName, double Word)[] Passes = [(0.5, 0.8), (0.3, 0.6)];

    public async Task<IReadOnlyList<PersonSummaryDto>> FindAsync(PersonSearchCriteria criteria, int limit, CancellationToken cancellationToken)
    {
        if (criteria.IsEmpty)
        {
            return [];
        }

        var name = criteria.Name is { } typed ? string.Join(' ', typed.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) : null;
        var oneWord = name is not null && !name.Contains(' ', StringComparison.Ordinal);
        var score = name is null ? "0" : oneWord ? OneWordScore : WholeNameScore;
        List<NpgsqlParameter> Parameters()
        {
            var list = new List<NpgsqlParameter> { new("limit", NpgsqlDbType.Integer) { Value = limit } };
            if (name is not null)
            {
                list.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = name });
            }

            return list;
        }

        if (name is not null && criteria.NhsNumber is null && criteria.DateOfBirth is null && criteria.Postcode is null)
        {
            var match = oneWord ? "(@name <% p.name_full OR @name <% p.name_known_as)" : "(p.name_full % @name OR p.name_known_as % @name)";
            var sql = $"SELECT {Columns}, {score} AS score FROM people p {Joins} WHERE p.merged_into_id IS NULL AND {match} ORDER BY score DESC, p.family_name, p.given_name, p.id LIMIT @limit";
            foreach (var (wholeName, word) in Passes)
            {
                var found = await QueryAsync(sql, Parameters(), cancellationToken, (wholeName, word));
                if (found.Count > 0 || wholeName == Passes[^1].WholeName)
                {
                    return found.Select(r => r.Summary).ToList();
                }
            }
        }

        var parameters = Parameters();
        var where = new StringBuilder("p.merged_into_id IS NULL");
        AddExact(where, parameters, criteria.NhsNumber?.Digits, criteria.DateOfBirth, criteria.Postcode?.Value);
        if (name is not null)
        {
            where.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {score} >= {(oneWord ? Passes[^1].Word : Passes[^1].WholeName)}");
        }

        var exact = $"SELECT {Columns}, {score} AS score FROM people p {Joins} WHERE {where} ORDER BY score DESC, p.family_name, p.given_name, p.id LIMIT @limit";
        return (await QueryAsync(exact, parameters, cancellationToken)).Select(r => r.Summary).ToList();
    }

    public async Task<IReadOnlyList<LikelyMatchDto>> FindLikelyMatchesAsync(
        string givenName, string familyName, string? preferredName, DateOnly? dateOfBirth, Postcode? postcode, NhsNumber? nhsNumber,
        PersonId? except, CancellationToken cancellationToken)
    {
        // The exact fields narrow it to a handful through their indexes; names are compared only among those.
        const string score = "greatest(similarity(p.name_full, @full), similarity(p.name_known_as, @known), similarity(p.name_full, @known))";
        var sql = new StringBuilder($"SELECT {Columns}, {score} AS score FROM people p {Joins} WHERE p.merged_into_id IS NULL");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture,
            $" AND (p.nhs_number = @nhs OR ((p.date_of_birth = @dob OR p.postcode = @postcode) AND {score} >= {Passes[^1].WholeName}))");
        var parameters = new List<NpgsqlParameter>
        {
            new("full", NpgsqlDbType.Text) { Value = $"{givenName} {familyName}".Trim().ToLowerInvariant() },
            new("known", NpgsqlDbType.Text) { Value = $"{preferredName ?? givenName} {familyName}".Trim().ToLowerInvariant() },
            new("nhs", NpgsqlDbType.Char) { Value = (object?)nhsNumber?.Digits ?? DBNull.Value },
            new("dob", NpgsqlDbType.Date) { Value = (object?)dateOfBirth ?? DBNull.Value },
            new("postcode", NpgsqlDbType.Varchar) { Value = (object?)postcode?.Value ?? DBNull.Value },
        };
        if (except is { } excluded)
        {
            sql.Append(" AND p.id <> @except");
            parameters.Add(new NpgsqlParameter("except", NpgsqlDbType.Uuid) { Value = excluded.Value });
        }

        sql.Append(" ORDER BY score DESC LIMIT 10");
        var rows = await QueryAsync(sql.ToString(), parameters, cancellationToken);
        return rows.Select(r => new LikelyMatchDto(
                r.Summary,
                nhsNumber is { } nhs && r.NhsNumber == nhs.Digits,
                dateOfBirth is not null && r.Summary.DateOfBirth == dateOfBirth,
                postcode is { } code && r.Summary.Postcode == code.Value,
                r.Score))
            .ToList();
    }

    private static void AddExact(StringBuilder where, List<NpgsqlParameter> parameters, string? nhs, DateOnly? dob, string? postcode)
    {
        if (nhs is not null)
        {
            where.Append(" AND p.nhs_number = @nhs");
            parameters.Add(new NpgsqlParameter("nhs", NpgsqlDbType.Char) { Value = nhs });
        }

        if (dob is not null)
        {
            where.Append(" AND p.date_of_birth = @dob");
            parameters.Add(new NpgsqlParameter("dob", NpgsqlDbType.Date) { Value = dob.Value });
        }

        if (postcode is not null)
        {
            where.Append(" AND p.postcode = @postcode");
            parameters.Add(new NpgsqlParameter("postcode", NpgsqlDbType.Varchar) { Value = postcode });
        }
    }

    private async Task<IReadOnlyList<Row>> QueryAsync(
        string sql, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken cancellationToken, (double WholeName, double Word)? thresholds = null)
    {
        var moment = clock.Now();
        var quietAfter = options.Value.QuietAfter;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // The thresholds hold for this search only: in a transaction of its own, or inside a command's transaction
            // in a savepoint that is rolled back afterwards (which undoes SET LOCAL), so the connection goes back as it came.
            var outer = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction;
            await using var own = outer is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var transaction = outer ?? own!;
            if (outer is not null)
            {
                await outer.SaveAsync(SearchSavepoint, cancellationToken);
            }

            if (thresholds is { } set)
            {
                await using var limits = new NpgsqlCommand(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"SET LOCAL pg_trgm.similarity_threshold = {set.WholeName}; SET LOCAL pg_trgm.word_similarity_threshold = {set.Word}"),
                    connection, transaction);
                await limits.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<Row>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader, moment, quietAfter));
            }

            await reader.CloseAsync();
            if (outer is not null)
            {
                await outer.RollbackAsync(SearchSavepoint, cancellationToken);
            }
            else
            {
                await own!.CommitAsync(cancellationToken);
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Row Read(DbDataReader r, Domain.Common.Moment moment, TimeSpan quietAfter)
    {
        DateOnly? Date(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var given = r.GetString(1);
        var family = r.GetString(2);
        var preferred = Text(3);
        var dob = Date(4);
        var age = Person.AgeFrom(dob, r.IsDBNull(5) ? null : r.GetInt32(5), Date(6), moment.Today);
        var state = Conversation.StateOf(Date(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12), moment, quietAfter);
        var summary = new PersonSummaryDto(
            r.GetGuid(0), $"{preferred ?? given} {family}", $"{given} {family}", dob, age, Text(7), Text(9), state);
        return new Row(summary, Text(8), Convert.ToDouble(r.GetValue(13), System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed record Row(PersonSummaryDto Summary, string? NhsNumber, double Score);
}
