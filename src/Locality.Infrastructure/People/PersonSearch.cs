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
using Npgsql;
using NpgsqlTypes;

namespace Locality.Infrastructure.People;

/// <summary>
/// Finds people with PostgreSQL: names by trigram similarity (pg_trgm, over the full name and the name they are
/// known by, so typos and preferred names both find them), the rest exactly. Merged-away records are never listed.
/// </summary>
internal sealed class PersonSearch(LocalityDbContext db, TimeProvider clock, IOptions<ConversationOptions> options) : IPersonSearch
{
    private const string Select = """
        SELECT p.id, p.given_name, p.family_name, p.preferred_name, p.date_of_birth, p.approximate_age, p.approximate_age_recorded_on,
               p.postcode, p.nhs_number, s.display_name, c.resting_until, c.last_successful_contact_at, c.opened_at, {0} AS score
        FROM people p
        JOIN conversations c ON c.person_id = p.id
        JOIN staff_members s ON s.id = c.lead_worker_id
        WHERE p.merged_into_id IS NULL
        """;

    // A whole name is compared with whole names; a single word (often just the family name) with the words in them.
    private const string FullNameScore = "greatest(similarity(p.name_full, @name), similarity(p.name_known_as, @name))";
    private const string FullNameMatch = " AND (p.name_full % @name OR p.name_known_as % @name)";
    private const string OneWordScore = "greatest(word_similarity(@name, p.name_full), word_similarity(@name, p.name_known_as))";
    private const string OneWordMatch = " AND (@name <% p.name_full OR @name <% p.name_known_as)";

    public async Task<IReadOnlyList<PersonSummaryDto>> FindAsync(PersonSearchCriteria criteria, int limit, CancellationToken cancellationToken)
    {
        if (criteria.IsEmpty)
        {
            return [];
        }

        var oneWord = criteria.Name is { } typed && !typed.Trim().Contains(' ', StringComparison.Ordinal);
        var sql = new StringBuilder(string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Select, criteria.Name is null ? "0" : oneWord ? OneWordScore : FullNameScore));
        var parameters = new List<NpgsqlParameter>();
        if (criteria.Name is { } name)
        {
            sql.Append(oneWord ? OneWordMatch : FullNameMatch);
            parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = string.Join(' ', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) });
        }

        AddExact(sql, parameters, criteria.NhsNumber?.Digits, criteria.DateOfBirth, criteria.Postcode?.Value);
        sql.Append(" ORDER BY score DESC, p.family_name, p.given_name, p.id LIMIT @limit");
        parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        return (await QueryAsync(sql.ToString(), parameters, cancellationToken)).Select(r => r.Summary).ToList();
    }

    public async Task<IReadOnlyList<LikelyMatchDto>> FindLikelyMatchesAsync(
        string givenName, string familyName, string? preferredName, DateOnly? dateOfBirth, Postcode? postcode, NhsNumber? nhsNumber,
        PersonId? except, CancellationToken cancellationToken)
    {
        var full = $"{givenName} {familyName}".Trim().ToLowerInvariant();
        var known = $"{preferredName ?? givenName} {familyName}".Trim().ToLowerInvariant();
        var sql = new StringBuilder(string.Format(
            System.Globalization.CultureInfo.InvariantCulture, Select,
            "greatest(similarity(p.name_full, @full), similarity(p.name_known_as, @known), similarity(p.name_full, @known))"));
        sql.Append(" AND (p.nhs_number = @nhs OR ((p.name_full % @full OR p.name_known_as % @known OR p.name_full % @known)");
        sql.Append(" AND (p.date_of_birth = @dob OR p.postcode = @postcode)))");
        var parameters = new List<NpgsqlParameter>
        {
            new("full", NpgsqlDbType.Text) { Value = full },
            new("known", NpgsqlDbType.Text) { Value = known },
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

    private static void AddExact(StringBuilder sql, List<NpgsqlParameter> parameters, string? nhs, DateOnly? dob, string? postcode)
    {
        if (nhs is not null)
        {
            sql.Append(" AND p.nhs_number = @nhs");
            parameters.Add(new NpgsqlParameter("nhs", NpgsqlDbType.Char) { Value = nhs });
        }

        if (dob is not null)
        {
            sql.Append(" AND p.date_of_birth = @dob");
            parameters.Add(new NpgsqlParameter("dob", NpgsqlDbType.Date) { Value = dob.Value });
        }

        if (postcode is not null)
        {
            sql.Append(" AND p.postcode = @postcode");
            parameters.Add(new NpgsqlParameter("postcode", NpgsqlDbType.Varchar) { Value = postcode });
        }
    }

    private async Task<IReadOnlyList<Row>> QueryAsync(string sql, IReadOnlyList<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var quietAfter = options.Value.QuietAfter;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<Row>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Read(reader, moment, quietAfter));
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
