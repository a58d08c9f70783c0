using Locality.Domain.Community;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

internal sealed class StrengthConfiguration : IEntityTypeConfiguration<Strength>
{
    public void Configure(EntityTypeBuilder<Strength> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(Strength.TextMaxLength);
        builder.Property(s => s.NoticedBy).HasMaxLength(Strength.NoticedByMaxLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.PersonId);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Content).AsJson();
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PersonId).IsUnique();
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("plan_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Content).AsJson();
        builder.Property(v => v.Summary).HasMaxLength(PlanVersion.SummaryMaxLength);
        builder.HasOne<Plan>().WithMany().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        builder.HasIndex(v => new { v.PersonId, v.ChangedAt });
    }
}

internal sealed class CommunityGroupConfiguration : IEntityTypeConfiguration<CommunityGroup>
{
    public void Configure(EntityTypeBuilder<CommunityGroup> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Name).HasMaxLength(CommunityGroup.NameMaxLength);
        builder.Property(g => g.Offer).HasMaxLength(CommunityGroup.TextMaxLength);
        builder.Property(g => g.WhenAndWhere).HasMaxLength(CommunityGroup.TextMaxLength);
        builder.Property(g => g.Contact).HasMaxLength(CommunityGroup.ContactMaxLength);
        builder.Property(g => g.Accessibility).HasMaxLength(CommunityGroup.TextMaxLength);
        builder.HasOne<LocalityArea>().WithMany().HasForeignKey(g => g.LocalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.LocalityId, g.Name });
    }
}

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.SuggestedBy).HasMaxLength(Connection.SuggestedByMaxLength);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CommunityGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PersonId);
        builder.HasIndex(c => c.GroupId);
    }
}
