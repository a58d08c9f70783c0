using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Conversations;

/// <summary>
/// Corrects an entry with a reason. The original and every earlier correction stay visible. The sender says how many
/// corrections they saw (<see cref="AmendmentsSeen"/>), so two people correcting at once cannot overwrite each other.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record AmendEntry(Guid PersonId, Guid EntryId, string Reason, string CorrectedText, int AmendmentsSeen)
    : IRequest<TimelineEntryDto>, IChangesPerson;

internal sealed class AmendEntryValidator : AbstractValidator<AmendEntry>
{
    public AmendEntryValidator()
    {
        RuleFor(x => x.Reason).RequiredText("why it needs correcting", TimelineAmendment.ReasonMaxLength);
        RuleFor(x => x.CorrectedText).EntryText("the corrected entry", required: true);
        RuleFor(x => x.AmendmentsSeen).GreaterThanOrEqualTo(0).WithMessage("The number of corrections seen cannot be negative");
    }
}

internal sealed class AmendEntryHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AmendEntry, TimelineEntryDto>
{
    public async Task<TimelineEntryDto> Handle(AmendEntry request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var entryId = new TimelineEntryId(request.EntryId);
        var entry = await TimelineViewer.Staff(user).RequireVisibleAsync(db, person, entryId, cancellationToken);
        var existing = await db.TimelineAmendments.CountAsync(a => a.EntryId == entryId, cancellationToken);
        if (existing != request.AmendmentsSeen)
        {
            throw ConflictException.StaleVersion();
        }

        db.TimelineAmendments.Add(new TimelineAmendment(entry, existing + 1, request.Reason, request.CorrectedText, user.AsAuthor(), clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConflictException clash) when (clash.Kind == ConflictKind.Duplicate)
        {
            throw ConflictException.StaleVersion(clash);
        }

        return (await TimelineQueries.DescribeAsync(db, [entry], cancellationToken)).Single();
    }
}
