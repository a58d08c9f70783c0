using Locality.Domain.Common;

namespace Locality.Domain.People;

/// <summary>
/// A person the service works with. Safety notes are for workers (for example lone-working cautions) and are shown
/// before anything else; "what matters to me" is in the person's own words. A record merged into another keeps its
/// id, which then resolves to the record it was merged into.
/// </summary>
public sealed class Person : AuditableEntity
{
    public const int NameMaxLength = 100;
    public const int AddressLineMaxLength = 200;
    public const int PhoneMaxLength = 40;
    public const int EmailMaxLength = 256;
    public const int LongTextMaxLength = 4000;
    public const int OldestAge = 120;

    private Person()
    {
        GivenName = string.Empty;
        FamilyName = string.Empty;
    }

    public Person(PersonId id, PersonDetails details, DateOnly today)
    {
        Id = id;
        GivenName = string.Empty;
        FamilyName = string.Empty;
        Change(details, today);
    }

    public PersonId Id { get; private set; }
    public string GivenName { get; private set; }
    public string FamilyName { get; private set; }
    public string? PreferredName { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    public int? ApproximateAge { get; private set; }

    /// <summary>When the approximate age was given, so it can be aged on.</summary>
    public DateOnly? ApproximateAgeRecordedOn { get; private set; }

    public string? NhsNumber { get; private set; }
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? Town { get; private set; }
    public string? Postcode { get; private set; }
    public string? Uprn { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? CommunicationNeeds { get; private set; }
    public string? SafetyNotes { get; private set; }
    public string? WhatMattersToMe { get; private set; }

    /// <summary>Set when this record was found to be the same person as another and merged into it.</summary>
    public PersonId? MergedIntoId { get; private set; }

    public bool IsMerged => MergedIntoId is not null;

    /// <summary>The name to use with them: their preferred name if they gave one.</summary>
    public string KnownAs => $"{PreferredName ?? GivenName} {FamilyName}";

    public void Change(PersonDetails details, DateOnly today)
    {
        if (details.DateOfBirth is { } dob && (dob > today || dob < today.AddYears(-OldestAge)))
        {
            throw new BusinessRuleException($"A date of birth must be in the past and no more than {OldestAge} years ago.");
        }

        if (details.DateOfBirth is null && details.ApproximateAge is { } age && age is < 0 or > OldestAge)
        {
            throw new BusinessRuleException($"An approximate age must be between 0 and {OldestAge}.");
        }

        GivenName = Guard.Text(details.GivenName, NameMaxLength, "Given name");
        FamilyName = Guard.Text(details.FamilyName, NameMaxLength, "Family name");
        PreferredName = Optional(details.PreferredName);
        DateOfBirth = details.DateOfBirth;
        if (details.DateOfBirth is not null || details.ApproximateAge is null)
        {
            ApproximateAge = null;
            ApproximateAgeRecordedOn = null;
        }
        else if (ApproximateAge != details.ApproximateAge)
        {
            ApproximateAge = details.ApproximateAge;
            ApproximateAgeRecordedOn = today;
        }

        NhsNumber = details.NhsNumber?.Digits;
        AddressLine1 = Optional(details.AddressLine1);
        AddressLine2 = Optional(details.AddressLine2);
        Town = Optional(details.Town);
        Postcode = details.Postcode?.Value;
        Uprn = details.Uprn?.Value;
        Phone = Optional(details.Phone);
        Email = Optional(details.Email);
        CommunicationNeeds = Optional(details.CommunicationNeeds);
        SafetyNotes = Optional(details.SafetyNotes);
        WhatMattersToMe = Optional(details.WhatMattersToMe);
    }

    /// <summary>Their age on a day: exact from the date of birth, otherwise the approximate age aged on since it was given.</summary>
    public int? AgeOn(DateOnly day) => AgeFrom(DateOfBirth, ApproximateAge, ApproximateAgeRecordedOn, day);

    /// <summary>The age rule, for callers that read the fields without loading the person.</summary>
    public static int? AgeFrom(DateOnly? dateOfBirth, int? approximateAge, DateOnly? approximateAgeRecordedOn, DateOnly day)
    {
        if (dateOfBirth is { } dob)
        {
            var age = day.Year - dob.Year;
            return dob.AddYears(age) > day ? age - 1 : age;
        }

        return approximateAge is { } approximate && approximateAgeRecordedOn is { } recorded
            ? approximate + ((day.DayNumber - recorded.DayNumber) / 365)
            : null;
    }

    public void MergeInto(PersonId survivor)
    {
        if (survivor == Id)
        {
            throw new BusinessRuleException("A record cannot be merged into itself: choose a different record", nameof(PersonMerge.MergedId));
        }

        if (IsMerged)
        {
            throw new BusinessRuleException("This record has already been merged into another.");
        }

        MergedIntoId = survivor;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
