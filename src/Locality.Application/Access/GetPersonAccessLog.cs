using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Access;

/// <summary>
/// Who has seen or changed a person's record, newest first: what a subject access request needs. Open to the person's
/// lead key worker and the team lead of that worker's team.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record GetPersonAccessLog(Guid PersonId, int Page = 1) : IRequest<AccessLogPage>, IReadsPerson;

internal sealed class GetPersonAccessLogValidator : AbstractValidator<GetPersonAccessLog>
{
    public GetPersonAccessLogValidator() => RuleFor(x => x.Page).PageNumber();
}

/// <summary>One row of an access log; <see cref="SignedIn"/> says in words how the reader signed in ("Not recorded" for older rows).</summary>
public sealed record AccessLogEntryDto(
    DateTimeOffset At, Guid? PersonId, string? WhoName, string? AgencyName, string? PartnerSystemName, string Action, string? Sections, string Request, string? Reason,
    string SignedIn);

public sealed record AccessLogPage(IReadOnlyList<AccessLogEntryDto> Entries, int Page, bool HasMore);

internal sealed class GetPersonAccessLogHandler(IApplicationDbContext db, ICurrentUser user) : IRequestHandler<GetPersonAccessLog, AccessLogPage>
{
    public async Task<AccessLogPage> Handle(GetPersonAccessLog request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        if (!await RecordOversight.OverseesAsync(db, user, person, cancellationToken))
        {
            throw new ForbiddenException("Only their lead key worker and that worker's team lead can see who has looked at this record.");
        }

        // Looks at records later merged into this one are looks at this person too.
        var ids = await db.PersonMerges.AsNoTracking().Where(m => m.SurvivorId == person).Select(m => m.MergedId).ToListAsync(cancellationToken);
        ids.Add(person);
        return await AuditQueries.PageAsync(db, db.AuditRecords.Where(a => a.PersonId != null && ids.Contains(a.PersonId.Value)), request.Page, cancellationToken);
    }
}
