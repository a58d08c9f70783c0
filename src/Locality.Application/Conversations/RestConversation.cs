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

/// <summary>The person asked for space: the conversation rests until the check-back date, or until they are next reached.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record RestConversation(Guid PersonId, DateOnly? CheckBackOn, string Reason) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class RestConversationValidator : AbstractValidator<RestConversation>
{
    public RestConversationValidator(TimeProvider clock)
    {
        RuleFor(x => x.CheckBackOn)
            .NotNull().WithMessage("Enter the date to check back with them")
            .Must(d => d > clock.Now().Today).WithMessage("The check-back date must be in the future")
            .Must(d => d <= clock.Now().Today.AddYears(1)).WithMessage("The check-back date must be within a year");
        RuleFor(x => x.Reason).RequiredText("why they asked for space, in their words if you can", Conversation.ReasonMaxLength);
    }
}

internal sealed class RestConversationHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<RestConversation, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(RestConversation request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            conversation.Rest(request.CheckBackOn!.Value, request.Reason, user.AsAuthor(), moment, options.Value.QuietAfter), cancellationToken);
    }
}
