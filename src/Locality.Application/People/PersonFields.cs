using FluentValidation;
using Locality.Application.Common.Validation;
using Locality.Domain.People;

namespace Locality.Application.People;

/// <summary>What a worker types about a person, as typed; checked by <see cref="PersonFieldRules"/> and then parsed.</summary>
public interface IPersonFields
{
    string GivenName { get; }
    string FamilyName { get; }
    string? PreferredName { get; }
    DateOnly? DateOfBirth { get; }
    int? ApproximateAge { get; }
    string? NhsNumber { get; }
    string? AddressLine1 { get; }
    string? AddressLine2 { get; }
    string? Town { get; }
    string? Postcode { get; }
    string? Uprn { get; }
    string? Phone { get; }
    string? Email { get; }
    string? CommunicationNeeds { get; }
    string? SafetyNotes { get; }
    string? WhatMattersToMe { get; }
}

/// <summary>
/// The typed fields as a request carries them. Every request about a person's details derives from this, and every
/// form or body that holds them is copied in here, by name, in one place: no caller lists sixteen values in order.
/// </summary>
public abstract record PersonFieldValues : IPersonFields
{
    protected PersonFieldValues()
    {
    }

    protected PersonFieldValues(IPersonFields typed)
    {
        GivenName = typed.GivenName;
        FamilyName = typed.FamilyName;
        PreferredName = typed.PreferredName;
        DateOfBirth = typed.DateOfBirth;
        ApproximateAge = typed.ApproximateAge;
        NhsNumber = typed.NhsNumber;
        AddressLine1 = typed.AddressLine1;
        AddressLine2 = typed.AddressLine2;
        Town = typed.Town;
        Postcode = typed.Postcode;
        Uprn = typed.Uprn;
        Phone = typed.Phone;
        Email = typed.Email;
        CommunicationNeeds = typed.CommunicationNeeds;
        SafetyNotes = typed.SafetyNotes;
        WhatMattersToMe = typed.WhatMattersToMe;
    }

    public string GivenName { get; init; } = string.Empty;

    public string FamilyName { get; init; } = string.Empty;

    public string? PreferredName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public int? ApproximateAge { get; init; }

    public string? NhsNumber { get; init; }

    public string? AddressLine1 { get; init; }

    public string? AddressLine2 { get; init; }

    public string? Town { get; init; }

    public string? Postcode { get; init; }

    public string? Uprn { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? CommunicationNeeds { get; init; }

    public string? SafetyNotes { get; init; }

    public string? WhatMattersToMe { get; init; }
}

internal static class PersonFieldRules
{
    public const string NotAnNhsNumber = "This is not a valid NHS number. It has 10 digits, like 943 476 5919: check each digit";

    public static void AddPersonRules<T>(this AbstractValidator<T> validator, TimeProvider clock)
        where T : IPersonFields
    {
        validator.RuleFor(x => x.GivenName).RequiredText("their given name", Person.NameMaxLength);
        validator.RuleFor(x => x.FamilyName).RequiredText("their family name", Person.NameMaxLength);
        validator.RuleFor(x => x.PreferredName).OptionalText("the name they prefer", Person.NameMaxLength);
        validator.RuleFor(x => x.DateOfBirth)
            .Must(dob => dob <= Common.Time.UkCalendar.Now(clock).Today).WithMessage("Date of birth must be in the past")
            .Must(dob => dob >= Common.Time.UkCalendar.Now(clock).Today.AddYears(-Person.OldestAge))
            .WithMessage($"Date of birth must be within the last {Person.OldestAge} years")
            .When(x => x.DateOfBirth is not null);
        validator.RuleFor(x => x.DateOfBirth)
            .NotNull().WithMessage("Enter their date of birth, or their approximate age if you do not know it")
            .When(x => x.ApproximateAge is null);
        validator.RuleFor(x => x.ApproximateAge)
            .InclusiveBetween(0, Person.OldestAge).WithMessage($"Approximate age must be between 0 and {Person.OldestAge}")
            .When(x => x.ApproximateAge is not null);
        validator.RuleFor(x => x.NhsNumber)
            .Must(n => Domain.People.NhsNumber.TryParse(n, out _)).WithMessage(NotAnNhsNumber)
            .When(x => !string.IsNullOrWhiteSpace(x.NhsNumber));
        validator.RuleFor(x => x.AddressLine1).OptionalText("the first line of their address", Person.AddressLineMaxLength);
        validator.RuleFor(x => x.AddressLine2).OptionalText("the second line of their address", Person.AddressLineMaxLength);
        validator.RuleFor(x => x.Town).OptionalText("the town or city", Person.AddressLineMaxLength);
        validator.RuleFor(x => x.Postcode)
            .Must(p => Domain.People.Postcode.TryParse(p, out _)).WithMessage("Enter a full UK postcode, like WN1 1XX")
            .When(x => !string.IsNullOrWhiteSpace(x.Postcode));
        validator.RuleFor(x => x.Uprn)
            .Must(u => Domain.People.Uprn.TryParse(u, out _)).WithMessage("A UPRN is a number of up to 12 digits, with no letters or spaces")
            .When(x => !string.IsNullOrWhiteSpace(x.Uprn));
        validator.RuleFor(x => x.Phone)
            .OptionalText("the phone number", Person.PhoneMaxLength)
            .Must(p => p!.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))
            .WithMessage("Enter a phone number, like 01632 960 001 or 07700 900 982")
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
        validator.RuleFor(x => x.Email)
            .OptionalText("the email address", Person.EmailMaxLength)
            .EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.com")
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        validator.RuleFor(x => x.CommunicationNeeds).OptionalText("communication needs", Person.LongTextMaxLength);
        validator.RuleFor(x => x.SafetyNotes).OptionalText("safety notes", Person.LongTextMaxLength);
        validator.RuleFor(x => x.WhatMattersToMe).OptionalText("what matters to them", Person.LongTextMaxLength);
    }

    /// <summary>The typed fields as the domain's details. Only called once the rules above have passed.</summary>
    public static PersonDetails ToDetails(this IPersonFields fields) => new(
        GivenName: fields.GivenName,
        FamilyName: fields.FamilyName,
        PreferredName: fields.PreferredName,
        DateOfBirth: fields.DateOfBirth,
        ApproximateAge: fields.DateOfBirth is null ? fields.ApproximateAge : null,
        NhsNumber: string.IsNullOrWhiteSpace(fields.NhsNumber) ? null : Domain.People.NhsNumber.Parse(fields.NhsNumber),
        AddressLine1: fields.AddressLine1,
        AddressLine2: fields.AddressLine2,
        Town: fields.Town,
        Postcode: string.IsNullOrWhiteSpace(fields.Postcode) ? null : Domain.People.Postcode.Parse(fields.Postcode),
        Uprn: string.IsNullOrWhiteSpace(fields.Uprn) ? null : Domain.People.Uprn.Parse(fields.Uprn),
        Phone: fields.Phone,
        Email: fields.Email,
        CommunicationNeeds: fields.CommunicationNeeds,
        SafetyNotes: fields.SafetyNotes,
        WhatMattersToMe: fields.WhatMattersToMe);
}
