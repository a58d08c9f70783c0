using Locality.Domain.Conversations;

namespace Locality.Application.People;

/// <summary>Enough to tell people apart in a list, and nothing more.</summary>
public sealed record PersonSummaryDto(
    Guid Id,
    string KnownAs,
    string FullName,
    DateOnly? DateOfBirth,
    int? Age,
    string? Postcode,
    string? LeadWorkerName,
    ConversationState State);

public sealed record LikelyMatchDto(PersonSummaryDto Person, bool SameNhsNumber, bool SameDateOfBirth, bool SamePostcode, double NameSimilarity)
{
    public string Why => string.Join(", ", new[]
    {
        SameNhsNumber ? "the same NHS number" : null,
        NameSimilarity > 0 ? "a similar name" : null,
        SameDateOfBirth ? "the same date of birth" : null,
        SamePostcode ? "the same postcode" : null,
    }.Where(r => r is not null));
}

public sealed record PersonDto(
    Guid Id,
    string GivenName,
    string FamilyName,
    string? PreferredName,
    string KnownAs,
    DateOnly? DateOfBirth,
    int? ApproximateAge,
    int? Age,
    string? NhsNumber,
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    string? Postcode,
    string? Uprn,
    string? Phone,
    string? Email,
    string? CommunicationNeeds,
    string? SafetyNotes,
    string? WhatMattersToMe,
    uint Version);
