using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Organisations.Users;

[AllowedFor(SecurityRoles.Admin)]
[AsksForRecentSecondFactor]
public sealed record ResetUserPassword(Guid Id, string NewPassword) : IRequest<UserDto>;

internal sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPassword>
{
    public ResetUserPasswordValidator() =>
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Enter a new password");
}

internal sealed class ResetUserPasswordHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<ResetUserPassword, UserDto>
{
    public async Task<UserDto> Handle(ResetUserPassword request, CancellationToken cancellationToken)
    {
        var id = new UserId(request.Id);
        if (!await db.StaffMembers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            throw new NotFoundException("User");
        }

        var problems = await identity.ResetPasswordAsync(id, request.NewPassword, cancellationToken);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(nameof(ResetUserPassword.NewPassword), string.Join(". ", problems));
        }

        return await UserQueries.GetAsync(db, identity, id, cancellationToken);
    }
}
