using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.Extensions.Options;

namespace Locality.Application.Conversations;

/// <summary>A try to reach the person: reached, not reached, or declined. Every try is counted; none closes anything.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record RecordContactAttempt(Guid PersonId, ContactMethod Method, ContactOutcome Outcome, string? Text = null, DateTimeOffset? OccurredAt = null)
    : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class RecordContactAttemptValidator : AbstractValidator<RecordContactAttempt>
{
    public RecordContactAttemptValidator(TimeProvider clock)
    {
        RuleFor(x => x.Method).IsInEnum().WithMessage("Select how you tried to reach them");
        RuleFor(x => x.Outcome).IsInEnum().WithMessage("Select what happened");
        RuleFor(x => x.Text).EntryText("notes", required: false);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

internal sealed class RecordContactAttemptHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<RecordContactAttempt, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(RecordContactAttempt request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation => conversation.RecordAttempt(
            request.Method, request.Outcome, request.Text, request.OccurredAt ?? moment.Now, user.AsAuthor(), moment, options.Value.QuietAfter), cancellationToken);
    }
}
