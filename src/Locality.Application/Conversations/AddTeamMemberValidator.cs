using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

internal sealed class AddTeamMemberValidator : AbstractValidator<AddTeamMember>
{
    public AddTeamMemberValidator(IApplicationDbContext db, IIdentityService identity)
    {
        RuleFor(x => x.WorkerId)
            .Must((request, worker) => worker is not null || request.AgencyId is not null)
            .WithMessage("Select a worker or an agency to add");
        RuleFor(x => x.WorkerId).ActiveWorker(db, "Select a worker").DependentRules(() =>
            RuleFor(x => x.WorkerId).CanJoinTeams(identity)).When(x => x.WorkerId is not null);
        RuleFor(x => x.AgencyId)
            .MustAsync((id, ct) => db.Agencies.AnyAsync(a => a.Id == new AgencyId(id!.Value), ct)).WithMessage("Select an agency from the list")
            .When(x => x.WorkerId is null && x.AgencyId is not null);
    }
}
