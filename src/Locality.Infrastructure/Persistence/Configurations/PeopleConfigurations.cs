using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Locality.Infrastructure.Persistence.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.GivenName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.FamilyName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.PreferredName).HasMaxLength(Person.NameMaxLength);
        builder.Property(p => p.NhsNumber).HasMaxLength(10).IsFixedLength();
        builder.Property(p => p.AddressLine1).HasMaxLength(Person.AddressLineMaxLength);
        builder.Property(p => p.AddressLine2).HasMaxLength(Person.AddressLineMaxLength);
        builder.Property(p => p.Town).HasMaxLength(Person.AddressLineMaxLength);
        builder.Property(p => p.Postcode).HasMaxLength(Postcode.MaxLength);
        builder.Property(p => p.Uprn).HasMaxLength(Uprn.MaxLength);
        builder.Property(p => p.Phone).HasMaxLength(Person.PhoneMaxLength);
        builder.Property(p => p.Email).HasMaxLength(Person.EmailMaxLength);
        builder.Property(p => p.CommunicationNeeds).HasMaxLength(Person.LongTextMaxLength);
        builder.Property(p => p.SafetyNotes).HasMaxLength(Person.LongTextMaxLength);
        builder.Property(p => p.WhatMattersToMe).HasMaxLength(Person.LongTextMaxLength);
        builder.Ignore(p => p.KnownAs);
        builder.Ignore(p => p.IsMerged);

        // Lower-case names for fuzzy search with pg_trgm: the full name, and the name they are known by.
        builder.Property<string>("NameFull").HasMaxLength(2 * Person.NameMaxLength + 1)
            .HasComputedColumnSql("lower(given_name || ' ' || family_name)", stored: true);
        builder.Property<string>("NameKnownAs").HasMaxLength(2 * Person.NameMaxLength + 1)
            .HasComputedColumnSql("lower(coalesce(preferred_name, given_name) || ' ' || family_name)", stored: true);
        builder.HasIndex("NameFull").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasIndex("NameKnownAs").HasMethod("gin").HasOperators("gin_trgm_ops");

        // An NHS number belongs to one person: two live records may not share it.
        builder.HasIndex(p => p.NhsNumber).IsUnique().HasFilter("nhs_number IS NOT NULL AND merged_into_id IS NULL");
        builder.HasIndex(p => p.DateOfBirth);
        builder.HasIndex(p => p.Postcode);
        builder.HasIndex(p => p.MergedIntoId);
    }
}

internal sealed class PersonMergeConfiguration : IEntityTypeConfiguration<PersonMerge>
{
    public void Configure(EntityTypeBuilder<PersonMerge> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Reason).HasMaxLength(PersonMerge.ReasonMaxLength);
        builder.HasIndex(m => m.SurvivorId);
        builder.HasIndex(m => m.MergedId).IsUnique();
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(c => c.LeadWorkerId).OnDelete(DeleteBehavior.Restrict);

        // Exactly one conversation per person.
        builder.HasIndex(c => c.PersonId).IsUnique();
        builder.HasIndex(c => new { c.LeadWorkerId, c.LastSuccessfulContactAt });
        builder.HasIndex(c => c.LastSuccessfulContactAt);
        builder.HasIndex(c => c.RestingUntil).HasFilter("resting_until IS NOT NULL");
        builder.HasIndex(c => c.HandOffCount).HasFilter("hand_off_count > 0");
        builder.HasMany(c => c.Members).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.Lead);
    }
}

internal sealed class ConversationMemberConfiguration : IEntityTypeConfiguration<ConversationMember>
{
    public void Configure(EntityTypeBuilder<ConversationMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.WorkerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.WorkerId).HasFilter("left_at IS NULL");
        builder.Ignore(m => m.IsCurrent);
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Text).HasMaxLength(TimelineEntry.TextMaxLength);
        builder.Property(e => e.Location).HasMaxLength(TimelineEntry.ShortTextMaxLength);
        builder.Property(e => e.WhoWasThere).HasMaxLength(TimelineEntry.ShortTextMaxLength);
        builder.Property(e => e.ToService).HasMaxLength(TimelineEntry.ShortTextMaxLength);
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.HasIndex(e => new { e.PersonId, e.OccurredAt, e.Sequence }).IsDescending(false, true, true);
        builder.HasIndex(e => e.ConversationId);
        builder.Ignore(e => e.IsSuccessfulContact);
        builder.Ignore(e => e.CanBeAmended);
    }
}

internal sealed class TimelineAmendmentConfiguration : IEntityTypeConfiguration<TimelineAmendment>
{
    public void Configure(EntityTypeBuilder<TimelineAmendment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<TimelineEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Reason).HasMaxLength(TimelineAmendment.ReasonMaxLength);
        builder.Property(a => a.CorrectedText).HasMaxLength(TimelineEntry.TextMaxLength);

        // Two people correcting the same entry at once cannot both add correction number n.
        builder.HasIndex(a => new { a.EntryId, a.Sequence }).IsUnique();
    }
}
