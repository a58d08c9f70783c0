using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Signing out: ends every session the sender holds, on every instance of both hosts. Their security stamp changes,
/// so each cookie and bearer token issued before it is refused at its next request, even a copy.
/// </summary>
[AllowedFor(SecurityRoles.KeyWorker, SecurityRoles.TeamLead, SecurityRoles.PartnerViewer, SecurityRoles.Admin)]
public sealed record EndMySessions : IRequest<Unit>;

internal sealed class EndMySessionsHandler(IIdentityService identity, ICurrentUser user) : IRequestHandler<EndMySessions, Unit>
{
    public async Task<Unit> Handle(EndMySessions request, CancellationToken cancellationToken)
    {
        await identity.EndSessionsAsync(user.RequireUserId(), cancellationToken);
        return Unit.Value;
    }
}
