using Locality.Domain.Common;

namespace Locality.Domain.Organisations;

/// <summary>
/// Someone who signs in: a key worker, a team lead, a partner agency's viewer or an administrator.
/// Their sign-in credentials live with the identity store under the same id; this is who they are to the service.
/// </summary>
public sealed class StaffMember : AuditableEntity
{
    public const int DisplayNameMaxLength = 120;
    public const int EmailMaxLength = 256;

    private StaffMember()
    {
        DisplayName = string.Empty;
        Email = string.Empty;
    }

    public StaffMember(UserId id, string displayName, string email, TeamId teamId)
    {
        Id = id;
        DisplayName = Guard.Text(displayName, DisplayNameMaxLength, "Name");
        Email = NormaliseEmail(email);
        TeamId = teamId;
        IsActive = true;
    }

    public UserId Id { get; private set; }
    public string DisplayName { get; private set; }
    public string Email { get; private set; }
    public TeamId TeamId { get; private set; }

    /// <summary>A deactivated member cannot sign in; their name stays on everything they wrote.</summary>
    public bool IsActive { get; private set; }

    /// <summary>
    /// Made by a first sign-in through their agency's provider and not yet approved by an administrator: they cannot
    /// sign in and hold no rights until then.
    /// </summary>
    public bool AwaitsApproval { get; private set; }

    /// <summary>Someone their agency's provider vouched for, waiting for an administrator to approve them.</summary>
    public static StaffMember Waiting(UserId id, string displayName, string email, TeamId teamId) =>
        new(id, displayName, email, teamId) { IsActive = false, AwaitsApproval = true };

    public void Approve()
    {
        if (!AwaitsApproval)
        {
            throw new BusinessRuleException("This account is not waiting for approval.");
        }

        AwaitsApproval = false;
        IsActive = true;
    }

    public void Change(string displayName, TeamId teamId)
    {
        DisplayName = Guard.Text(displayName, DisplayNameMaxLength, "Name");
        TeamId = teamId;
    }

    public void Deactivate() => IsActive = false;

    public void Reactivate()
    {
        if (AwaitsApproval)
        {
            throw new BusinessRuleException("This account is waiting for approval; approve it instead.");
        }

        IsActive = true;
    }

    public static string NormaliseEmail(string email) => Guard.Text(email, EmailMaxLength, "Email").ToLowerInvariant();
}
