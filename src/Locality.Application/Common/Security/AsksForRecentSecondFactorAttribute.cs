using Locality.Application.Common.Interfaces;

namespace Locality.Application.Common.Security;

/// <summary>
/// A serious act (emergency access, an export of personal data, an administrator's change): the person sending it is
/// asked for their second factor again when they last gave it longer ago than <c>SignIn:StepUpMinutes</c>. Given roles,
/// only senders holding one of them are asked (an administrator sending a request others may send too); given none,
/// every person is. A scheduled job or a partner system, which is no person, is never asked.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AsksForRecentSecondFactorAttribute(params string[] roles) : Attribute
{
    /// <summary>The roles whose holders are asked; empty when every person is.</summary>
    public IReadOnlyList<string> Roles { get; } = roles;

    public bool Asks(ICurrentUser user) => user.UserId is not null && (Roles.Count == 0 || Roles.Any(user.IsInRole));
}
