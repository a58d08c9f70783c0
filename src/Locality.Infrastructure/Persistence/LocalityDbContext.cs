using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Access;
using Locality.Domain.Common;
using Locality.Domain.Conversations;
using Locality.Domain.Community;
using Locality.Domain.Demand;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Locality.Domain.Ratings;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Locality.Infrastructure.Persistence;

public sealed class LocalityDbContext(DbContextOptions<LocalityDbContext> options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IApplicationDbContext, IDataProtectionKeyContext
{
    public DbSet<LocalityArea> Localities => Set<LocalityArea>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<PartnerApiKey> PartnerApiKeys => Set<PartnerApiKey>();
    public DbSet<IdentityProvider> IdentityProviders => Set<IdentityProvider>();
    public DbSet<TokenClient> TokenClients => Set<TokenClient>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonMerge> PersonMerges => Set<PersonMerge>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<TimelineAmendment> TimelineAmendments => Set<TimelineAmendment>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<SharingAgreement> SharingAgreements => Set<SharingAgreement>();
    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();
    public DbSet<LawfulBasis> LawfulBases => Set<LawfulBasis>();
    public DbSet<EntryRestriction> EntryRestrictions => Set<EntryRestriction>();
    public DbSet<Instrument> Instruments => Set<Instrument>();
    public DbSet<InstrumentVersion> InstrumentVersions => Set<InstrumentVersion>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<RatingDue> RatingsDue => Set<RatingDue>();
    public DbSet<Strength> Strengths => Set<Strength>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<CommunityGroup> CommunityGroups => Set<CommunityGroup>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<DemandType> DemandTypes => Set<DemandType>();
    public DbSet<FailureType> FailureTypes => Set<FailureType>();
    public DbSet<DemandEvent> DemandEvents => Set<DemandEvent>();
    public DbSet<DemandReclassification> DemandReclassifications => Set<DemandReclassification>();
    public DbSet<DemandImport> DemandImports => Set<DemandImport>();
    public DbSet<DemandImportProblem> DemandImportProblems => Set<DemandImportProblem>();
    public DbSet<DemandImportPayload> DemandImportPayloads => Set<DemandImportPayload>();
    public DbSet<DemandMatchOffer> DemandMatchOffers => Set<DemandMatchOffer>();
    public DbSet<UnitCost> UnitCosts => Set<UnitCost>();
    public DbSet<PriceIndex> PriceIndices => Set<PriceIndex>();
    public DbSet<CostSettings> CostSettings => Set<CostSettings>();
    public DbSet<ServiceCost> ServiceCosts => Set<ServiceCost>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public void ExpectVersion<TEntity>(TEntity entity, uint version)
        where TEntity : class, IVersioned
    {
        if (entity.Version != version)
        {
            throw ConflictException.StaleVersion();
        }
    }

    public void DiscardChanges() => ChangeTracker.Clear();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConflictException.StaleVersion(ex);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("This would duplicate something that is already recorded.", ConflictKind.Duplicate, ex);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.ApplyConfigurationsFromAssembly(typeof(LocalityDbContext).Assembly);
        NameIdentityTables(builder);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IVersioned).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsRowVersion();
        }
    }

    private static void NameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<ApplicationUser>().ToTable("identity_users");
        builder.Entity<ApplicationRole>().ToTable("identity_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("identity_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("identity_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("identity_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("identity_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("identity_role_claims");
        builder.Entity<IdentityUserPasskey<Guid>>().ToTable("identity_user_passkeys");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstantConverter>();

        var domainTypes = typeof(IVersioned).Assembly.GetTypes();
        foreach (var idType in domainTypes.Where(StronglyTypedIds.IsStronglyTypedId))
        {
            configurationBuilder.Properties(idType).HaveConversion(typeof(StronglyTypedIdConverter<>).MakeGenericType(idType));
        }

        foreach (var enumType in domainTypes.Where(t => t.IsEnum))
        {
            configurationBuilder.Properties(enumType).HaveConversion<string>().HaveMaxLength(64);
        }
    }
}
