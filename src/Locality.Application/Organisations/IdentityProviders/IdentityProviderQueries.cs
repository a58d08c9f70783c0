using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.IdentityProviders;

internal static class IdentityProviderQueries
{
    public static async Task<IReadOnlyList<IdentityProviderDto>> ListAsync(
        IApplicationDbContext db, IProviderSecrets secrets, IQueryable<IdentityProvider> providers, CancellationToken cancellationToken)
    {
        // The group mapping is one jsonb column the model reads through its field, so rows are read whole and shaped here.
        var rows = await (
                from p in providers.AsNoTracking()
                join a in db.Agencies on p.AgencyId equals a.Id
                orderby a.Name, p.Name
                select new { Provider = p, AgencyName = a.Name })
            .ToListAsync(cancellationToken);
        var teamIds = rows.SelectMany(r => r.Provider.Groups.Select(g => g.TeamId).Append(r.Provider.DefaultTeamId))
            .OfType<TeamId>().Distinct().ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return rows.Select(r =>
        {
            var p = r.Provider;
            return new IdentityProviderDto(
                p.Id.Value, p.AgencyId.Value, r.AgencyName, p.Key, p.Name, p.Authority, p.ClientId, p.SecretName, secrets.IsSet(p.SecretName),
                p.EmailDomains.ToList(), p.GroupsClaim,
                p.Groups.Select(g => new ProviderGroupDto(g.Group, g.Role, g.TeamId?.Value, g.TeamId is { } team ? teams.GetValueOrDefault(team) : null)).ToList(),
                p.DefaultTeamId.Value, teams.GetValueOrDefault(p.DefaultTeamId) ?? string.Empty, p.CreatesAccounts, p.WithoutSecondFactor, p.IsEnabled, p.Version);
        }).ToList();
    }

    public static async Task<IdentityProviderDto> GetAsync(IApplicationDbContext db, IProviderSecrets secrets, IdentityProviderId id, CancellationToken cancellationToken) =>
        (await ListAsync(db, secrets, db.IdentityProviders.Where(p => p.Id == id), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("Identity provider");
}
