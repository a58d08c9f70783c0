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

[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record EndRest(Guid PersonId, string Reason) : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class EndRestValidator : AbstractValidator<EndRest>
{
    public EndRestValidator() => RuleFor(x => x.Reason).RequiredText("why the rest is ending early", Conversation.ReasonMaxLength);
}

internal sealed class EndRestHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<EndRest, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(EndRest request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            conversation.EndRest(request.Reason, user.AsAuthor(), moment, options.Value.QuietAfter), cancellationToken);
    }
}
