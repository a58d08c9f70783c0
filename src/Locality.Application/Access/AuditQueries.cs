using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

internal static class AuditQueries
{
    public const int PageSize = 100;

    public static async Task<AccessLogPage> PageAsync(IApplicationDbContext db, IQueryable<AuditRecord> records, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var rows = await records.AsNoTracking().OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var shown = rows.Take(PageSize).ToList();
        var users = shown.Select(r => r.UserId).OfType<UserId>().Distinct().ToList();
        var agencies = shown.Select(r => r.AgencyId).OfType<AgencyId>().Distinct().ToList();
        var keys = shown.Select(r => r.ApiKeyId).OfType<ApiKeyId>().Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => users.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var agencyNames = await db.Agencies.AsNoTracking().Where(a => agencies.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var keyNames = await db.PartnerApiKeys.AsNoTracking().Where(k => keys.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        var entries = shown.Select(r => new AccessLogEntryDto(
                r.At,
                r.PersonId?.Value,
                r.UserId is { } u ? names.GetValueOrDefault(u) : r.ApiKeyId is null && !ByPartnerToken(r) ? "Locality (scheduled job)" : null,
                r.AgencyId is { } a ? agencyNames.GetValueOrDefault(a) : null,
                r.ApiKeyId is { } k ? keyNames.GetValueOrDefault(k) : ByPartnerToken(r) ? r.SignInProvider : null,
                Describe(r.Action), r.Sections, r.Request, r.Reason, DescribeSignIn(r)))
            .ToList();
        return new AccessLogPage(entries, page, rows.Count > PageSize);
    }

    /// <summary>
    /// How the reader signed in, in words: the way, their agency's provider by name, and whether a second factor was part
    /// of it. Rows written before this was recorded say so.
    /// </summary>
    public static string DescribeSignIn(AuditRecord record) => record.SignInMethod switch
    {
        null when record.UserId is null && record.ApiKeyId is null => "No sign-in: Locality's own scheduled work",
        null => "Not recorded",
        SignInMethod.ApiKey => SignInStrength.Describe(SignInMethod.ApiKey),
        SignInMethod.ClientCredentials => SignInStrength.Describe(SignInMethod.ClientCredentials) + Named(record.SignInProvider),
        { } method => SignInStrength.Describe(method) + Named(record.SignInProvider)
                      + (record.SignInSecondFactor == true ? ", with a second factor" : ", without a second factor"),
    };

    private static string Named(string? provider) => string.IsNullOrWhiteSpace(provider) ? string.Empty : $" ({provider})";

    /// <summary>A partner system that came with its own provider's token (it has no key and is no person).</summary>
    private static bool ByPartnerToken(AuditRecord record) => record.UserId is null && record.SignInMethod == SignInMethod.ClientCredentials;

    public static string Describe(AuditAction action) => action switch
    {
        AuditAction.Read => "Looked at",
        AuditAction.Listed => "Saw in a list",
        AuditAction.Changed => "Changed or added to",
        AuditAction.Refused => "Was refused",
        AuditAction.BrokeGlass => "Opened in an emergency",
        AuditAction.Exported => "Exported",
        AuditAction.Imported => "Imported",
        _ => action.ToString(),
    };
}
