using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

internal sealed class LocalityAreaConfiguration : IEntityTypeConfiguration<LocalityArea>
{
    public void Configure(EntityTypeBuilder<LocalityArea> builder)
    {
        builder.ToTable("localities");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Name).HasMaxLength(LocalityArea.NameMaxLength);
        builder.HasIndex(l => l.Name).IsUnique();
    }
}

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength);
        builder.HasIndex(a => a.Name).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(Team.NameMaxLength);
        builder.HasOne<Agency>().WithMany().HasForeignKey(t => t.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LocalityArea>().WithMany().HasForeignKey(t => t.LocalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.AgencyId, t.LocalityId, t.Name }).IsUnique();
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.DisplayName).HasMaxLength(StaffMember.DisplayNameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(StaffMember.EmailMaxLength);
        builder.HasIndex(s => s.Email).IsUnique();
        builder.HasIndex(s => s.TeamId);
        builder.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerApiKeyConfiguration : IEntityTypeConfiguration<PartnerApiKey>
{
    public void Configure(EntityTypeBuilder<PartnerApiKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(PartnerApiKey.NameMaxLength);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(k => k.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(k => k.IsRevoked);
    }
}

internal sealed class IdentityProviderConfiguration : IEntityTypeConfiguration<IdentityProvider>
{
    public void Configure(EntityTypeBuilder<IdentityProvider> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Key).HasMaxLength(IdentityProvider.KeyMaxLength);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(IdentityProvider.NameMaxLength);
        builder.Property(p => p.Authority).HasMaxLength(IdentityProvider.AuthorityMaxLength);
        builder.Property(p => p.ClientId).HasMaxLength(IdentityProvider.ClientIdMaxLength);
        builder.Property(p => p.SecretName).HasMaxLength(IdentityProvider.SecretNameMaxLength);
        builder.Property(p => p.GroupsClaim).HasMaxLength(IdentityProvider.ClaimMaxLength);
        builder.Property(p => p.EmailDomains).HasColumnType("text[]");
        builder.Ignore(p => p.Groups);
        builder.Property<List<ProviderGroup>>("groups").HasColumnName("groups").AsJson();
        builder.HasOne<Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.DefaultTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.AgencyId);
    }
}

internal sealed class TokenClientConfiguration : IEntityTypeConfiguration<TokenClient>
{
    public void Configure(EntityTypeBuilder<TokenClient> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(TokenClient.NameMaxLength);
        builder.Property(c => c.Issuer).HasMaxLength(IdentityProvider.AuthorityMaxLength);
        builder.Property(c => c.ClientId).HasMaxLength(IdentityProvider.ClientIdMaxLength);
        builder.Property(c => c.Audience).HasMaxLength(IdentityProvider.ClientIdMaxLength);
        builder.HasIndex(c => new { c.Issuer, c.ClientId }).IsUnique();
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(c => c.IsRevoked);
    }
}
