using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence;

/// <summary>A command sent with an idempotency key, and the answer it was given; kept for the keeping period, then forgotten.</summary>
public sealed class IdempotencyRecord
{
    public string Sender { get; init; } = "";
    public string Key { get; init; } = "";
    public string Request { get; init; } = "";
    public int Ordinal { get; init; }
    public byte[] Fingerprint { get; init; } = [];
    public string? Answer { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Sender, r.Key, r.Request, r.Ordinal });
        builder.Property(r => r.Sender).HasMaxLength(64);
        builder.Property(r => r.Key).HasMaxLength(Application.Common.Idempotency.IdempotencyKeys.LongestKey);
        builder.Property(r => r.Request).HasMaxLength(100);
        builder.HasIndex(r => r.CreatedAt);
    }
}
