using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;

namespace Locality.Application.Access;

/// <summary>The audit, searched by who, whose record and when. For administrators.</summary>
[AllowedFor(Roles.Admin)]
public sealed record GetAuditRecords(Guid? UserId = null, Guid? PersonId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1)
    : IRequest<AccessLogPage>;

internal sealed class GetAuditRecordsValidator : AbstractValidator<GetAuditRecords>
{
    public GetAuditRecordsValidator()
    {
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).WithMessage("The end must be on or after the start").When(x => x.From is not null && x.To is not null);
        RuleFor(x => x.Page).PageNumber();
    }
}

internal sealed class GetAuditRecordsHandler(IApplicationDbContext db) : IRequestHandler<GetAuditRecords, AccessLogPage>
{
    public Task<AccessLogPage> Handle(GetAuditRecords request, CancellationToken cancellationToken)
    {
        var records = db.AuditRecords.AsQueryable();
        if (request.UserId is { } user)
        {
            records = records.Where(a => a.UserId == new UserId(user));
        }

        if (request.PersonId is { } person)
        {
            records = records.Where(a => a.PersonId == new PersonId(person));
        }

        if (request.From is { } from)
        {
            records = records.Where(a => a.At >= from);
        }

        if (request.To is { } to)
        {
            records = records.Where(a => a.At <= to);
        }

        return AuditQueries.PageAsync(db, records, request.Page, cancellationToken);
    }
}
