using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

internal sealed class DemandTypeConfiguration : IEntityTypeConfiguration<DemandType>
{
    public void Configure(EntityTypeBuilder<DemandType> builder)
    {
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(DemandType.CodeMaxLength);
        builder.Property(t => t.Name).HasMaxLength(DemandType.NameMaxLength);
        builder.Property(t => t.UnitCostCode).HasMaxLength(UnitCost.CodeMaxLength);
        builder.HasOne<UnitCost>().WithMany().HasForeignKey(t => t.UnitCostCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FailureTypeConfiguration : IEntityTypeConfiguration<FailureType>
{
    public void Configure(EntityTypeBuilder<FailureType> builder)
    {
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(FailureType.CodeMaxLength);
        builder.Property(t => t.Name).HasMaxLength(DemandType.NameMaxLength);
        builder.Property(t => t.Example).HasMaxLength(500);
    }
}

internal sealed class DemandEventConfiguration : IEntityTypeConfiguration<DemandEvent>
{
    public void Configure(EntityTypeBuilder<DemandEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.TypeCode).HasMaxLength(DemandType.CodeMaxLength);
        builder.Property(e => e.FailureTypeCode).HasMaxLength(FailureType.CodeMaxLength);
        builder.Property(e => e.Uprn).HasMaxLength(Uprn.MaxLength);
        builder.Property(e => e.Postcode).HasMaxLength(Postcode.MaxLength);
        builder.Property(e => e.AddressLine1).HasMaxLength(DemandEvent.AddressLineMaxLength);
        builder.Property(e => e.SourceReference).HasMaxLength(DemandEvent.SourceReferenceMaxLength);
        builder.Ignore(e => e.IsMissedAppointment);
        builder.HasOne<DemandType>().WithMany().HasForeignKey(e => e.TypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FailureType>().WithMany().HasForeignKey(e => e.FailureTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LocalityArea>().WithMany().HasForeignKey(e => e.LocalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<DemandImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.AddressKey).HasMaxLength(230);
        builder.HasIndex(e => new { e.AddressKey, e.OccurredAt }).HasFilter("address_key IS NOT NULL");

        // The same row from the same agency is one event, however often it is sent.
        builder.HasIndex(e => new { e.AgencyId, e.SourceReference }).IsUnique().HasFilter("source_reference IS NOT NULL");

        // A person's events by time; carrying what the demand page's before-and-after counts, so it reads the index alone.
        builder.HasIndex(e => new { e.PersonId, e.OccurredAt })
            .IncludeProperties(e => new { e.Classification, e.TypeCode, e.AgencyId })
            .HasFilter("person_id IS NOT NULL");
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class DemandReclassificationConfiguration : IEntityTypeConfiguration<DemandReclassification>
{
    public void Configure(EntityTypeBuilder<DemandReclassification> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.FromFailureTypeCode).HasMaxLength(FailureType.CodeMaxLength);
        builder.Property(r => r.ToFailureTypeCode).HasMaxLength(FailureType.CodeMaxLength);
        builder.Property(r => r.Reason).HasMaxLength(DemandEvent.ReasonMaxLength);
        builder.HasOne<DemandEvent>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.EventId, r.At });
    }
}

internal sealed class DemandImportConfiguration : IEntityTypeConfiguration<DemandImport>
{
    public void Configure(EntityTypeBuilder<DemandImport> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.FileName).HasMaxLength(DemandImport.FileNameMaxLength);
        builder.Property(i => i.Message).HasMaxLength(DemandImport.MessageMaxLength);
        builder.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LocalityArea>().WithMany().HasForeignKey(i => i.LocalityId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(i => i.IsOver);
        builder.HasIndex(i => new { i.AgencyId, i.SubmittedAt });
    }
}

internal sealed class DemandImportProblemConfiguration : IEntityTypeConfiguration<DemandImportProblem>
{
    public void Configure(EntityTypeBuilder<DemandImportProblem> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Reason).HasMaxLength(DemandImportProblem.ReasonMaxLength);
        builder.HasOne<DemandImport>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ImportId, p.Line });
    }
}

internal sealed class DemandImportPayloadConfiguration : IEntityTypeConfiguration<DemandImportPayload>
{
    public void Configure(EntityTypeBuilder<DemandImportPayload> builder)
    {
        builder.HasKey(p => p.ImportId);
        builder.HasOne<DemandImport>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DemandMatchOfferConfiguration : IEntityTypeConfiguration<DemandMatchOffer>
{
    public void Configure(EntityTypeBuilder<DemandMatchOffer> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Why).HasMaxLength(DemandMatchOffer.WhyMaxLength);
        builder.HasOne<DemandEvent>().WithMany().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(o => new { o.EventId, o.PersonId }).IsUnique();
        builder.HasIndex(o => o.PersonId).HasFilter("decision IS NULL");
    }
}

internal sealed class UnitCostConfiguration : IEntityTypeConfiguration<UnitCost>
{
    public void Configure(EntityTypeBuilder<UnitCost> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(UnitCost.CodeMaxLength);
        builder.Property(c => c.Category).HasMaxLength(100);
        builder.Property(c => c.Detail).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(UnitCost.TextMaxLength);
        builder.Property(c => c.Unit).HasMaxLength(100);
        builder.Property(c => c.Agency).HasMaxLength(100);
        builder.Property(c => c.AgencyDetail).HasMaxLength(100);
        builder.Property(c => c.PriceYear).HasMaxLength(7);
        builder.Property(c => c.Cost).HasPrecision(14, 2);
    }
}

internal sealed class PriceIndexConfiguration : IEntityTypeConfiguration<PriceIndex>
{
    public void Configure(EntityTypeBuilder<PriceIndex> builder)
    {
        builder.HasKey(i => i.Year);
        builder.Property(i => i.Year).HasMaxLength(7);
        builder.Property(i => i.Value).HasPrecision(12, 4);
        builder.Property(i => i.Source).HasMaxLength(PriceIndex.SourceMaxLength);
    }
}

internal sealed class CostSettingsConfiguration : IEntityTypeConfiguration<CostSettings>
{
    public void Configure(EntityTypeBuilder<CostSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PriceBase).HasMaxLength(7);
    }
}

internal sealed class ServiceCostConfiguration : IEntityTypeConfiguration<ServiceCost>
{
    public void Configure(EntityTypeBuilder<ServiceCost> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Amount).HasPrecision(14, 2);
        builder.Property(c => c.PriceYear).HasMaxLength(7);
        builder.Property(c => c.Note).HasMaxLength(ServiceCost.NoteMaxLength);
        builder.Ignore(c => c.Days);
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TeamId, c.From });
    }
}
