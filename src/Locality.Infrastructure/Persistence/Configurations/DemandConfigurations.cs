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
        builder.Property(e => e.Uprn).HasMaxLength(12);
        builder.Property(e => e.Postcode).HasMaxLength(8);
        builder.Property(e => e.AddressLine1).HasMaxLength(DemandEvent.AddressLineMaxLength);
        builder.Property(e => e.SourceReference).HasMaxLength(DemandEvent.SourceReferenceMaxLength);
        builder.Ignore(e => e.IsMissedAppointment);
        builder.HasOne<DemandType>().WithMany().HasForeignKey(e => e.TypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<FailureType>().WithMany().HasForeignKey(e => e.FailureTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);

        // The same row from the same agency is one event, however often it is sent.
        builder.HasIndex(e => new { e.AgencyId, e.SourceReference }).IsUnique().HasFilter("source_reference IS NOT NULL");
        builder.HasIndex(e => new { e.PersonId, e.OccurredAt });
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
