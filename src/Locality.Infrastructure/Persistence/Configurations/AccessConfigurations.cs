using Locality.Domain.Access;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

internal sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Reason).HasMaxLength(BreakGlassGrant.ReasonMaxLength);
        builder.Property(g => g.ReviewNote).HasMaxLength(BreakGlassGrant.ReasonMaxLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(g => g.WorkerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.PersonId, g.WorkerId, g.ExpiresAt });
        builder.HasIndex(g => g.ReviewedAt).HasFilter("reviewed_at IS NULL");
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Sections).HasMaxLength(AuditRecord.TextMaxLength);
        builder.Property(a => a.Request).HasMaxLength(AuditRecord.TextMaxLength);
        builder.Property(a => a.Reason).HasMaxLength(BreakGlassGrant.ReasonMaxLength);
        builder.Property(a => a.SignInProvider).HasMaxLength(AuditRecord.TextMaxLength);
        builder.HasIndex(a => new { a.PersonId, a.At });
        builder.HasIndex(a => new { a.UserId, a.At });
        builder.HasIndex(a => a.At);
    }
}


internal sealed class SharingAgreementConfiguration : IEntityTypeConfiguration<SharingAgreement>
{
    public void Configure(EntityTypeBuilder<SharingAgreement> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => a.AgencyId).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SharingAgreementVersionConfiguration : IEntityTypeConfiguration<SharingAgreementVersion>
{
    public void Configure(EntityTypeBuilder<SharingAgreementVersion> builder)
    {
        builder.ToTable("sharing_agreement_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Note).HasMaxLength(SharingAgreement.NoteMaxLength);
        builder.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Note).HasMaxLength(ConsentRecord.NoteMaxLength);
        builder.HasIndex(c => new { c.PersonId, c.RecordedAt });
    }
}

internal sealed class LawfulBasisConfiguration : IEntityTypeConfiguration<LawfulBasis>
{
    public void Configure(EntityTypeBuilder<LawfulBasis> builder)
    {
        builder.ToTable("lawful_bases");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(b => b.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(b => b.Reason).HasMaxLength(LawfulBasis.ReasonMaxLength);
        builder.Property(b => b.DecidedBy).HasMaxLength(LawfulBasis.DecidedByMaxLength);
        builder.HasIndex(b => new { b.PersonId, b.AgencyId });
    }
}

internal sealed class EntryRestrictionConfiguration : IEntityTypeConfiguration<EntryRestriction>
{
    public void Configure(EntityTypeBuilder<EntryRestriction> builder)
    {
        builder.HasKey(r => r.EntryId);
        builder.HasOne<TimelineEntry>().WithOne().HasForeignKey<EntryRestriction>(r => r.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Reason).HasMaxLength(EntryRestriction.ReasonMaxLength);
        builder.HasIndex(r => r.PersonId);
        builder.Ignore(r => r.IsInForce);
    }
}
