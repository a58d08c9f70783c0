using Locality.Domain.Community;
using Locality.Domain.Plans;

namespace Locality.Application.Plans;

public sealed record StrengthDto(Guid Id, StrengthKind Kind, string Text, string NoticedBy, DateTimeOffset RecordedAt, string? RecordedByName);

public sealed record PlanStepDto(
    Guid Id, string Description, StepOwnerKind OwnerKind, Guid? OwnerId, string OwnerName, DateOnly? DueOn, StepStatus Status, string? StatusReason,
    string? Notes, bool IsOverdue);

public sealed record PlanGoalDto(Guid Id, string Text, IReadOnlyList<PlanStepDto> Steps);

public sealed record PlanReviewDto(DateOnly On, string WhoTookPart, string WhatChanged);

public sealed record PlanChangeDto(int Number, DateTimeOffset ChangedAt, string? ChangedByName, string Summary);

/// <summary>
/// A person's strengths and plan: as it stands now, or as it stood at the end of a given day (<see cref="AsOf"/>).
/// <see cref="Version"/> is sent back with a change (409 if the plan changed since).
/// </summary>
public sealed record PlanDto(
    Guid PersonId, string KnownAs, string? WhatMattersToMe, IReadOnlyList<StrengthDto> Strengths, string? GoodLife, IReadOnlyList<PlanGoalDto> Goals,
    IReadOnlyList<PlanReviewDto> Reviews, DateOnly? NextReviewOn, DateOnly? StartedOn, int Number, uint Version, DateOnly? AsOf,
    IReadOnlyList<PlanChangeDto> History, IReadOnlyList<ConnectionDto> Connections);

public sealed record ConnectionDto(
    Guid Id, Guid GroupId, string GroupName, string SuggestedBy, DateOnly SuggestedOn, bool? Went, bool? StillGoing, DateOnly? LastHeardOn, uint Version);

/// <summary>A group, and how many of a team's people have been connected to it, went, and are still going.</summary>
public sealed record GroupConnectionsDto(Guid GroupId, string GroupName, int Connected, int Went, int StillGoing);

public sealed record CommunityGroupDto(
    Guid Id, Guid LocalityId, string LocalityName, string Name, GroupKind Kind, string Offer, string? WhenAndWhere, string? Contact, string? Accessibility,
    DateOnly LastCheckedOn, uint Version);

/// <summary>
/// Who a plan step could belong to: workers, agencies and community groups, by id and name. A worker is either in the
/// team around the person (<c>AroundThem</c>) or in the sender's own team.
/// </summary>
public sealed record StepOwnerChoicesDto(
    IReadOnlyList<(Guid Id, string Name, bool AroundThem)> Workers, IReadOnlyList<(Guid Id, string Name)> Agencies, IReadOnlyList<(Guid Id, string Name)> Groups);

/// <summary>A plan step due within the week, or overdue, for My day.</summary>
public sealed record DayStepDto(Guid PersonId, string KnownAs, string Goal, string Step, string OwnerName, DateOnly DueOn, bool IsOverdue);
