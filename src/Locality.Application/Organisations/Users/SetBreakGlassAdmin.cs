using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

/// <summary>
/// Names an administrator as a break-glass administrator (or stops naming them): they may sign in with a password and a
/// second factor even when their agency signs in through its own provider, so Locality can be reached when it is down.
/// </summary>
[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SetBreakGlassAdmin(Guid Id, bool BreakGlass) : IRequest<UserDto>;

internal sealed class SetBreakGlassAdminValidator : AbstractValidator<SetBreakGlassAdmin>
{
    public const string OnlyAdministrators = "Only an administrator can be a break-glass administrator. Give them the Administrator role first";

    public SetBreakGlassAdminValidator(IApplicationDbContext db, IIdentityService identity) =>
        RuleFor(x => x.BreakGlass)
            .MustAsync(async (request, breakGlass, ct) =>
                !breakGlass
                || !await db.StaffMembers.AnyAsync(s => s.Id == new UserId(request.Id), ct)
                || (await identity.GetRolesAsync(new UserId(request.Id), ct)).Contains(SecurityRoles.Admin))
            .WithMessage(OnlyAdministrators);
}

internal sealed class SetBreakGlassAdminHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<SetBreakGlassAdmin, UserDto>
{
    public async Task<UserDto> Handle(SetBreakGlassAdmin request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        if (!await db.StaffMembers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new NotFoundException("User");
        }

        await identity.SetBreakGlassAdminAsync(id, request.BreakGlass, cancellationToken);
        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
