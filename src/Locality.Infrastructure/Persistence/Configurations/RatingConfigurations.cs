using System.Text.Json;
using System.Text.Json.Serialization;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Domain.Ratings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

/// <summary>Stores a value as jsonb: an instrument's definition, a rating's items, a plan's content. Each is read whole and never queried inside.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(), new StronglyTypedIdJsonConverter() } };

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property)
        where T : class =>
        property
            .HasColumnType("jsonb")
            .HasConversion(
                value => JsonSerializer.Serialize(value, Options),
                json => JsonSerializer.Deserialize<T>(json, Options)!,
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    value => JsonSerializer.Serialize(value, Options).GetHashCode(StringComparison.Ordinal),
                    value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!));
}

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<Instrument>
{
    public void Configure(EntityTypeBuilder<Instrument> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Key).HasMaxLength(80);
        builder.HasIndex(i => i.Key).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(InstrumentDefinition.NameMaxLength);
        builder.HasMany(i => i.Versions).WithOne().HasForeignKey(v => v.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(i => i.Versions).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Ignore(i => i.Current);
    }
}

internal sealed class InstrumentVersionConfiguration : IEntityTypeConfiguration<InstrumentVersion>
{
    public void Configure(EntityTypeBuilder<InstrumentVersion> builder)
    {
        builder.ToTable("instrument_versions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Definition).AsJson();
        builder.HasIndex(v => new { v.InstrumentId, v.Number }).IsUnique();
    }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Items).AsJson();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InstrumentVersion>().WithMany().HasForeignKey(r => r.InstrumentVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.RatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PersonId, r.InstrumentId, r.RatedOn });
        builder.HasIndex(r => r.InstrumentVersionId);
    }
}

internal sealed class RatingDueConfiguration : IEntityTypeConfiguration<RatingDue>
{
    public void Configure(EntityTypeBuilder<RatingDue> builder)
    {
        builder.ToTable("ratings_due");
        builder.HasKey(r => new { r.PersonId, r.InstrumentId });
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
    }
}
