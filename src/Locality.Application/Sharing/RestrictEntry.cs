using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using SecurityRoles = Locality.Application.Common.Security.Roles;

namespace Locality.Application.Sharing;

/// <summary>
/// Restricts a timeline entry to the roles and people named (and its author), or changes who they are. Everyone else
/// no longer sees it at all: not on the timeline, not as a partner, not in exports.
/// </summary>
[AllowedFor(SecurityRoles.KeyWorker, SecurityRoles.TeamLead)]
[Touches(RecordSection.Timeline)]
public sealed record RestrictEntry(Guid PersonId, Guid EntryId, IReadOnlyList<string>? Roles, IReadOnlyList<Guid>? UserIds, string Reason)
    : IRequest<RestrictionDto>, IChangesPerson;

internal sealed class RestrictEntryValidator : AbstractValidator<RestrictEntry>
{
    /// <summary>Only roles that work with people's records can be named; partners and administrators cannot.</summary>
    public static readonly IReadOnlyList<string> NameableRoles = [SecurityRoles.KeyWorker, SecurityRoles.TeamLead];

    public RestrictEntryValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Roles).AtMostLongestList("roles");
        RuleFor(x => x.UserIds).AtMostLongestList("people");
        RuleFor(x => x.Roles)
            .Must(roles => roles is null || roles.All(NameableRoles.Contains))
            .WithMessage("Only key workers and team leads can be named");
        RuleFor(x => x.UserIds)
            .MustAsync(async (ids, ct) =>
            {
                var wanted = (ids ?? []).Distinct().Select(i => new UserId(i)).ToList();
                return wanted.Count == 0 || await db.StaffMembers.CountAsync(s => wanted.Contains(s.Id), ct) == wanted.Count;
            })
            .WithMessage("Select people from the list");
        RuleFor(x => x.Reason).RequiredText("why this entry must be restricted", EntryRestriction.ReasonMaxLength);
    }
}

public sealed record RestrictionDto(Guid EntryId, bool InForce, IReadOnlyList<string> Roles, IReadOnlyList<Guid> UserIds, string Reason);

internal sealed class RestrictEntryHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<RestrictEntry, RestrictionDto>
{
    public async Task<RestrictionDto> Handle(RestrictEntry request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var entryId = new TimelineEntryId(request.EntryId);
        await TimelineViewer.Staff(user).RequireVisibleAsync(db, person, entryId, cancellationToken);

        var restriction = await db.EntryRestrictions.SingleOrDefaultAsync(r => r.EntryId == entryId, cancellationToken);
        if (restriction is null)
        {
            restriction = new EntryRestriction(entryId, person, request.Roles ?? [], request.UserIds ?? [], request.Reason);
            db.EntryRestrictions.Add(restriction);
        }
        else
        {
            restriction.Change(request.Roles ?? [], request.UserIds ?? [], request.Reason);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RestrictionDto(request.EntryId, restriction.IsInForce, restriction.Roles, restriction.UserIds, restriction.Reason);
    }
}
