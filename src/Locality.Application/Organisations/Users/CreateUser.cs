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
public sealed record CreateUser(string DisplayName, string Email, Guid TeamId, IReadOnlyList<string> Roles, string Password)
    : IRequest<UserDto>, IUserFields;

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator(IApplicationDbContext db)
    {
        this.AddUserRules(db);
        RuleFor(x => x.Email)
            .NotEmpty().WithMessage("Enter their email address")
            .MaximumLength(StaffMember.EmailMaxLength).WithMessage($"Email address must be {StaffMember.EmailMaxLength} characters or fewer")
            .EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.gov.uk")
            .MustAsync(async (email, ct) => !await db.StaffMembers.AnyAsync(s => s.Email == email.Trim().ToLower(), ct))
            .WithMessage("Someone already signs in with this email address");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter a first password for them");
    }
}

internal sealed class CreateUserHandler(IApplicationDbContext db, IIdentityService identity) : IRequestHandler<CreateUser, UserDto>
{
    public async Task<UserDto> Handle(CreateUser request, CancellationToken cancellationToken)
    {
        var member = new StaffMember(UserId.New(), request.DisplayName, request.Email, new TeamId(request.TeamId));
        db.StaffMembers.Add(member);
        var problems = await identity.CreateLoginAsync(member.Id, member.Email, request.Password, request.Roles.Distinct().ToList(), cancellationToken);
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(nameof(CreateUser.Password), string.Join(". ", problems));
        }

        return await UserQueries.GetAsync(db, identity, member.Id, cancellationToken);
    }
}
