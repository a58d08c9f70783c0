using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Users;

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
