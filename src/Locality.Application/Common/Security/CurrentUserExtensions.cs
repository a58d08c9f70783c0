using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;

namespace Locality.Application.Common.Security;

internal static class CurrentUserExtensions
{
    /// <summary>The signed-in worker as the author of what they record.</summary>
    public static Author AsAuthor(this ICurrentUser user) => new(user.UserId, user.AgencyId);

    /// <summary>The sender holds a role that can hold a record (see <see cref="Roles.RecordHolders"/>).</summary>
    public static bool HoldsRecords(this ICurrentUser user) => Roles.RecordHolders.Any(user.IsInRole);

    public static UserId RequireUserId(this ICurrentUser user) => user.UserId ?? throw new ForbiddenException("Only a person signed in can do this.");
}
