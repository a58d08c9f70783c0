using Locality.Domain.Common;
using Locality.Domain.Organisations;

namespace Locality.Domain.Community;

public enum GroupKind
{
    Club = 1,
    Class = 2,
    Volunteering = 3,
    FaithGroup = 4,
    PeerSupport = 5,
    Service = 6,
    Other = 7,
}

/// <summary>
/// A local group or asset in a locality's directory: what it offers, when and where, how to get in touch, how
/// accessible it is, and when someone last checked it is still running. Workers add and update entries.
/// </summary>
public sealed class CommunityGroup : AuditableEntity
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 2000;
    public const int ContactMaxLength = 500;

    private CommunityGroup()
    {
        Name = string.Empty;
        Offer = string.Empty;
    }

    public CommunityGroup(LocalityId locality, string name, GroupKind kind, string offer, string? whenAndWhere, string? contact, string? accessibility, DateOnly lastCheckedOn)
    {
        Id = CommunityGroupId.New();
        LocalityId = locality;
        Name = string.Empty;
        Offer = string.Empty;
        Update(name, kind, offer, whenAndWhere, contact, accessibility, lastCheckedOn);
    }

    public CommunityGroupId Id { get; private set; }
    public LocalityId LocalityId { get; private set; }
    public string Name { get; private set; }
    public GroupKind Kind { get; private set; }
    public string Offer { get; private set; }
    public string? WhenAndWhere { get; private set; }
    public string? Contact { get; private set; }
    public string? Accessibility { get; private set; }
    public DateOnly LastCheckedOn { get; private set; }

    public void Update(string name, GroupKind kind, string offer, string? whenAndWhere, string? contact, string? accessibility, DateOnly lastCheckedOn)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new BusinessRuleException("Choose what kind of group it is.");
        }

        Name = Guard.Text(name, NameMaxLength, "The name");
        Kind = kind;
        Offer = Guard.Text(offer, TextMaxLength, "What it offers");
        WhenAndWhere = Optional(whenAndWhere, TextMaxLength);
        Contact = Optional(contact, ContactMaxLength);
        Accessibility = Optional(accessibility, TextMaxLength);
        LastCheckedOn = lastCheckedOn;
    }

    private static string? Optional(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : Guard.Text(text, max, "The text");
}

/// <summary>
/// A person connected to a group in the directory: who suggested it and when, whether they went, and whether they
/// are still going. Kept, never deleted, so a team lead can see which groups people are connected to most.
/// </summary>
public sealed class Connection : AuditableEntity
{
    public const int SuggestedByMaxLength = 200;

    private Connection()
    {
        SuggestedBy = string.Empty;
    }

    public Connection(People.PersonId person, CommunityGroupId group, string suggestedBy, DateOnly suggestedOn)
    {
        Id = ConnectionId.New();
        PersonId = person;
        GroupId = group;
        SuggestedBy = Guard.Text(suggestedBy, SuggestedByMaxLength, "Who suggested it");
        SuggestedOn = suggestedOn;
    }

    public ConnectionId Id { get; private set; }
    public People.PersonId PersonId { get; private set; }
    public CommunityGroupId GroupId { get; private set; }
    public string SuggestedBy { get; private set; }
    public DateOnly SuggestedOn { get; private set; }

    /// <summary>Whether they went: null until someone knows.</summary>
    public bool? Went { get; private set; }

    /// <summary>Whether they are still going: null until someone knows.</summary>
    public bool? StillGoing { get; private set; }

    public DateOnly? LastHeardOn { get; private set; }

    public void Record(bool? went, bool? stillGoing, DateOnly today)
    {
        if (went != true && stillGoing == true)
        {
            throw new BusinessRuleException("Someone who has not been cannot still be going", nameof(stillGoing));
        }

        Went = went;
        StillGoing = went == false ? false : stillGoing;
        LastHeardOn = today;
    }
}
