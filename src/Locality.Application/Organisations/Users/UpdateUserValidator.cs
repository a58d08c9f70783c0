using FluentValidation;
using Locality.Application.Common.Interfaces;

namespace Locality.Application.Organisations.Users;

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator(IApplicationDbContext db) => this.AddUserRules(db);
}
