using Locality.Domain.Common;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Locality.Application.Common.Interfaces;

/// <summary>The use cases' view of the database: EF Core sets, owned by Application, implemented in Infrastructure.</summary>
public interface IApplicationDbContext
{
    DbSet<LocalityArea> Localities { get; }
    DbSet<Agency> Agencies { get; }
    DbSet<Team> Teams { get; }
    DbSet<StaffMember> StaffMembers { get; }
    DbSet<PartnerApiKey> PartnerApiKeys { get; }

    DatabaseFacade Database { get; }

    /// <summary>
    /// Records the version the client last saw, so saving fails with a conflict if anyone changed the row since.
    /// Throws at once when the loaded row is already newer.
    /// </summary>
    void ExpectVersion<TEntity>(TEntity entity, uint version)
        where TEntity : class, IVersioned;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
