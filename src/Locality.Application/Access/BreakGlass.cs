using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;
using Microsoft.Extensions.Options;

namespace Locality.Application.Access;

/// <summary>
/// Opens, in an emergency, the record of someone the worker is not in the team around. A reason is required; the
/// access lasts a limited time (four hours unless configured), is audited with its reason, shown to the person's lead
/// worker and team lead, and listed for review.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[AsksForRecentSecondFactor]
public sealed record BreakGlass(Guid PersonId, string Reason) : IRequest<EmergencyAccessDto>;

internal sealed class BreakGlassValidator : AbstractValidator<BreakGlass>
{
    public BreakGlassValidator() =>
        RuleFor(x => x.Reason).RequiredText("why you need to open this record now", BreakGlassGrant.ReasonMaxLength);
}

internal sealed class BreakGlassHandler(
    IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<AccessOptions> options, IAuditTrail audit, IPersonAccess access)
    : IRequestHandler<BreakGlass, EmergencyAccessDto>
{
    public async Task<EmergencyAccessDto> Handle(BreakGlass request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var current = await access.DecideAsync(person, cancellationToken);
        if (current.Basis is AccessBasis.TeamAroundPerson or AccessBasis.TeamLead)
        {
            throw new ConflictException("You can already see this record: you do not need emergency access.");
        }

        var grant = new BreakGlassGrant(person, user.RequireUserId(), request.Reason, clock.GetUtcNow(), TimeSpan.FromHours(options.Value.BreakGlassHours));
        db.BreakGlassGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(person, AuditAction.BrokeGlass, nameof(BreakGlass), SectionNames.WholeRecord, grant.Reason);
        return (await EmergencyAccessQueries.DescribeAsync(db, db.BreakGlassGrants.Where(g => g.Id == grant.Id), cancellationToken)).Single();
    }
}
