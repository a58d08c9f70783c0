using Locality.Domain.Access;
using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.Community;
using Locality.Domain.Demand;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Locality.Domain.Ratings;
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
    DbSet<IdentityProvider> IdentityProviders { get; }
    DbSet<TokenClient> TokenClients { get; }
    DbSet<Person> People { get; }
    DbSet<PersonMerge> PersonMerges { get; }
    DbSet<Conversation> Conversations { get; }
    DbSet<ConversationMember> ConversationMembers { get; }
    DbSet<TimelineEntry> TimelineEntries { get; }
    DbSet<TimelineAmendment> TimelineAmendments { get; }
    DbSet<BreakGlassGrant> BreakGlassGrants { get; }
    DbSet<AuditRecord> AuditRecords { get; }
    DbSet<SharingAgreement> SharingAgreements { get; }
    DbSet<ConsentRecord> ConsentRecords { get; }
    DbSet<LawfulBasis> LawfulBases { get; }
    DbSet<EntryRestriction> EntryRestrictions { get; }
    DbSet<Instrument> Instruments { get; }
    DbSet<InstrumentVersion> InstrumentVersions { get; }
    DbSet<Rating> Ratings { get; }
    DbSet<RatingDue> RatingsDue { get; }
    DbSet<Strength> Strengths { get; }
    DbSet<Plan> Plans { get; }
    DbSet<PlanVersion> PlanVersions { get; }
    DbSet<CommunityGroup> CommunityGroups { get; }
    DbSet<Connection> Connections { get; }
    DbSet<DemandType> DemandTypes { get; }
    DbSet<FailureType> FailureTypes { get; }
    DbSet<DemandEvent> DemandEvents { get; }
    DbSet<DemandReclassification> DemandReclassifications { get; }
    DbSet<DemandImport> DemandImports { get; }
    DbSet<DemandImportProblem> DemandImportProblems { get; }
    DbSet<DemandImportPayload> DemandImportPayloads { get; }
    DbSet<DemandMatchOffer> DemandMatchOffers { get; }
    DbSet<UnitCost> UnitCosts { get; }
    DbSet<PriceIndex> PriceIndices { get; }
    DbSet<CostSettings> CostSettings { get; }
    DbSet<ServiceCost> ServiceCosts { get; }

    DatabaseFacade Database { get; }

    /// <summary>
    /// Records the version the client last saw, so saving fails with a conflict if anyone changed the row since.
    /// Throws at once when the loaded row is already newer.
    /// </summary>
    void ExpectVersion<TEntity>(TEntity entity, uint version)
        where TEntity : class, IVersioned;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every change not yet saved, so a use case can start again from what is in the database.</summary>
    void DiscardChanges();
}
