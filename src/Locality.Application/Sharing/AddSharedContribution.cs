using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Domain.Access;
using MediatR;

namespace Locality.Application.Sharing;

/// <summary>A partner agency adds what it knows to a shared person's timeline, where its agreement allows it to contribute.</summary>
[AllowedFor(Roles.PartnerViewer, Roles.PartnerSystem)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record AddSharedContribution(Guid PersonId, string Text, DateTimeOffset? OccurredAt = null) : IRequest<TimelineEntryDto>, IChangesPerson;

internal sealed class AddSharedContributionValidator : AbstractValidator<AddSharedContribution>
{
    public AddSharedContributionValidator(TimeProvider clock)
    {
        RuleFor(x => x.Text).EntryText("what your agency wants the team to know", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

internal sealed class AddSharedContributionHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AddSharedContribution, TimelineEntryDto>
{
    public async Task<TimelineEntryDto> Handle(AddSharedContribution request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var agency = user.AgencyId ?? throw new InvalidOperationException("A partner viewer always belongs to an agency.");
        var entries = await ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            [conversation.AddPartnerContribution(agency, request.Text, request.OccurredAt ?? now, user.AsAuthor(), now)], cancellationToken);
        return entries.Single();
    }
}
