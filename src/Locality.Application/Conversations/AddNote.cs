using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Conversations;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record AddNote(Guid PersonId, string Text, DateTimeOffset? OccurredAt = null) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator(TimeProvider clock)
    {
        RuleFor(x => x.Text).EntryText("the note", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

internal sealed class AddNoteHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddNote, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(AddNote request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            [conversation.AddNote(request.Text, request.OccurredAt ?? now, user.AsAuthor(), now)], cancellationToken);
    }
}
