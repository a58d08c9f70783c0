namespace Locality.Domain.People;

/// <summary>Everything recorded about who a person is and how to reach them, checked already by the caller's validator.</summary>
public sealed record PersonDetails(
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    int? ApproximateAge,
    NhsNumber? NhsNumber,
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    Postcode? Postcode,
    Uprn? Uprn,
    string? Phone,
    string? Email,
    string? CommunicationNeeds,
    string? SafetyNotes,
    string? WhatMattersToMe);
