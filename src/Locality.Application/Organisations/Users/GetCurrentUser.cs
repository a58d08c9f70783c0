using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Users;

/// <summary>Who the sender is, as the service knows them: for the page header and the API's "me".</summary>
[AllowedForAnySignedIn]
public sealed record GetCurrentUser : IRequest<CurrentUserDto>;

public sealed record CurrentUserDto(Guid? Id, string DisplayName, string? TeamName, Guid? AgencyId, string? AgencyName, IReadOnlyList<string> Roles);

internal sealed class GetCurrentUserHandler(IApplicationDbContext db, ICurrentUser currentUser) : IRequestHandler<GetCurrentUser, CurrentUserDto>
{
    public async Task<CurrentUserDto> Handle(GetCurrentUser request, CancellationToken cancellationToken)
    {
        var roles = currentUser.Roles.ToList();
        if (currentUser.UserId is not { } userId)
        {
            var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == currentUser.AgencyId)
                .Select(a => new { a.Id, a.Name }).SingleOrDefaultAsync(cancellationToken);
            return new CurrentUserDto(null, $"{agency?.Name ?? "Partner"} system", null, agency?.Id.Value, agency?.Name, roles);
        }

        var me = await (
                from s in db.StaffMembers.AsNoTracking()
                join t in db.Teams on s.TeamId equals t.Id
                join a in db.Agencies on t.AgencyId equals a.Id
                where s.Id == userId
                select new CurrentUserDto(s.Id.Value, s.DisplayName, t.Name, a.Id.Value, a.Name, roles))
            .SingleOrDefaultAsync(cancellationToken);
        return me ?? throw new NotFoundException("User");
    }
}
