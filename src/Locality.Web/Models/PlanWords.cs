using Locality.Domain.Community;
using Locality.Domain.Plans;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>Plans and strengths in the words on screen.</summary>
public static class PlanWords
{
    public static string Status(StepStatus status) => status switch
    {
        StepStatus.NotStarted => "Not started",
        StepStatus.InProgress => "In progress",
        StepStatus.Done => "Done",
        _ => "No longer needed",
    };

    public static string StatusTag(StepStatus status, bool overdue) => overdue ? "govuk-tag--red" : status switch
    {
        StepStatus.Done => "govuk-tag--green",
        StepStatus.InProgress => "govuk-tag--blue",
        StepStatus.NoLongerNeeded => "govuk-tag--grey",
        _ => "govuk-tag--yellow",
    };

    public static string Kind(StrengthKind kind) => kind switch
    {
        StrengthKind.Skill => "A skill",
        StrengthKind.Interest => "An interest",
        StrengthKind.Relationship => "Someone in their life",
        StrengthKind.CommunityConnection => "A community connection",
        _ => "A personal quality",
    };

    public static IReadOnlyList<SelectListItem> KindChoices { get; } = Enum.GetValues<StrengthKind>().Select(k => new SelectListItem(Kind(k), k.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> StatusChoices { get; } = Enum.GetValues<StepStatus>().Select(s => new SelectListItem(Status(s), s.ToString())).ToList();

    public static string GroupKind(GroupKind kind) => kind switch
    {
        Domain.Community.GroupKind.FaithGroup => "Faith group",
        Domain.Community.GroupKind.PeerSupport => "Peer support",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<SelectListItem> GroupKindChoices { get; } = Enum.GetValues<GroupKind>().Select(k => new SelectListItem(GroupKind(k), k.ToString())).ToList();
}
