using System.ComponentModel.DataAnnotations;
using Locality.Application.People;
using Locality.Web.Infrastructure;

namespace Locality.Web.Models;

/// <summary>Adding a person, or changing their details.</summary>
public sealed class PersonDetailsForm : IFormModel, IPersonFields
{
    public Guid Id { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? PreferredName { get; set; }

    [Display(Name = "Date of birth")]
    public DateParts DateOfBirth { get; set; } = new();

    public int? ApproximateAge { get; set; }

    public string? NhsNumber { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? Town { get; set; }

    public string? Postcode { get; set; }

    public string? Uprn { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? CommunicationNeeds { get; set; }

    public string? SafetyNotes { get; set; }

    public string? WhatMattersToMe { get; set; }

    public uint Version { get; set; }

    public bool ConfirmedNew { get; set; }

    /// <summary>Set when adding stopped to show people who may be the same person.</summary>
    public IReadOnlyList<LikelyMatchDto> Matches { get; set; } = [];

    public bool CanConfirmAsNew { get; set; } = true;

    /// <summary>The fields in the order the form asks them, for the error summary: the order they are declared in.</summary>
    public static string ErrorOrder { get; } =
        string.Join(',', typeof(IPersonFields).GetProperties().OrderBy(p => p.MetadataToken).Select(p => p.Name));

    string IPersonFields.GivenName => GivenName ?? string.Empty;

    string IPersonFields.FamilyName => FamilyName ?? string.Empty;

    DateOnly? IPersonFields.DateOfBirth => DateOfBirth.Date;

    public static PersonDetailsForm From(PersonDto p) => new()
    {
        Id = p.Id,
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        PreferredName = p.PreferredName,
        DateOfBirth = DateParts.From(p.DateOfBirth),
        ApproximateAge = p.DateOfBirth is null ? p.Age : null,
        NhsNumber = p.NhsNumber,
        AddressLine1 = p.AddressLine1,
        AddressLine2 = p.AddressLine2,
        Town = p.Town,
        Postcode = p.Postcode,
        Uprn = p.Uprn,
        Phone = p.Phone,
        Email = p.Email,
        CommunicationNeeds = p.CommunicationNeeds,
        SafetyNotes = p.SafetyNotes,
        WhatMattersToMe = p.WhatMattersToMe,
        Version = p.Version,
    };
}
