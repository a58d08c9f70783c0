using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.Extensions.Options;

namespace Locality.Application.Conversations;

/// <summary>A conversation with the person: a visit, a call, a message, a meeting. Where, and who was there.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record RecordConversation(
    Guid PersonId, ContactMethod Method, string Text, string? Location = null, string? WhoWasThere = null, DateTimeOffset? OccurredAt = null)
    : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class RecordConversationValidator : AbstractValidator<RecordConversation>
{
    public RecordConversationValidator(TimeProvider clock)
    {
        RuleFor(x => x.Method).IsInEnum().WithMessage("Select how you talked");
        RuleFor(x => x.Text).EntryText("what you talked about", required: true);
        RuleFor(x => x.Location).OptionalText("where it happened", TimelineEntry.ShortTextMaxLength);
        RuleFor(x => x.WhoWasThere).OptionalText("who was there", TimelineEntry.ShortTextMaxLength);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

internal sealed class RecordConversationHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<RecordConversation, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(RecordConversation request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation => conversation.RecordConversation(
            request.Method, request.Text, request.Location, request.WhoWasThere, request.OccurredAt ?? moment.Now, user.AsAuthor(), moment,
            options.Value.QuietAfter), cancellationToken);
    }
}
