using Locality.Application.Conversations;
using Locality.Domain.Access;
using Locality.Domain.Conversations;

namespace Locality.Application.Sharing;

public sealed record SharedPersonSummaryDto(Guid Id, string KnownAs, DateOnly? DateOfBirth, string? Postcode);

/// <summary>
/// A person as a partner agency sees them: only the parts it may see are filled in; everything else is absent, not
/// merely hidden.
/// </summary>
public sealed record SharedPersonDto(
    Guid Id,
    string AgencyName,
    IReadOnlyList<RecordSection> Sections,
    bool MayContribute,
    SharedIdentityDto? Identity,
    ConversationState? State,
    string? LeadWorkerName,
    IReadOnlyList<TimelineEntryDto>? Timeline,
    Plans.PlanDto? Plan = null,
    IReadOnlyList<Ratings.InstrumentTrendDto>? Ratings = null);

public sealed record SharedIdentityDto(
    string KnownAs, string GivenName, string FamilyName, DateOnly? DateOfBirth, string? NhsNumber, string? AddressLine1, string? AddressLine2,
    string? Town, string? Postcode, string? Phone, string? Email, string? CommunicationNeeds, string? SafetyNotes);

public sealed record SharingAgreementDto(
    Guid? Id, Guid AgencyId, string AgencyName, string AgencyKind, IReadOnlyList<RecordSection> Sections, bool MayContribute,
    DateOnly? StartsOn, DateOnly? EndsOn, int Number, bool IsActiveToday, uint Version, IReadOnlyList<SharingAgreementVersionDto> Versions);

public sealed record SharingAgreementVersionDto(
    int Number, IReadOnlyList<RecordSection> Sections, bool MayContribute, DateOnly StartsOn, DateOnly? EndsOn, string? Note, string? MadeByName, DateTimeOffset MadeAt);

public sealed record ConsentDto(
    Guid Id, ConsentDecision Decision, IReadOnlyList<string> AgencyNames, IReadOnlyList<RecordSection> Sections, ConsentMethod Method,
    DateOnly? ReviewOn, string? Note, string? RecordedByName, DateTimeOffset RecordedAt);

public sealed record LawfulBasisDto(
    Guid Id, Guid AgencyId, string AgencyName, LawfulBasisKind Kind, IReadOnlyList<RecordSection> Sections, string Reason, string DecidedBy,
    DateOnly StartsOn, DateOnly? EndsOn, bool InForce, uint Version);

/// <summary>For one partner agency: whether its agreement is in force, and what it can see of this person now, and why.</summary>
public sealed record PartnerViewDto(Guid AgencyId, string AgencyName, bool AgreementInForce, ConsentDecision? Consent, bool LawfulBasisInForce, IReadOnlyList<RecordSection> CanSee);

public sealed record PersonSharingDto(Guid PersonId, IReadOnlyList<PartnerViewDto> Partners, IReadOnlyList<ConsentDto> ConsentHistory, IReadOnlyList<LawfulBasisDto> LawfulBases);
