using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Conversations;

/// <summary>What a partner agency told or sent the team about the person (a GP letter, a police update), recorded by a worker.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.Timeline)]
public sealed record AddPartnerContribution(Guid PersonId, Guid FromAgencyId, string Text, DateTimeOffset? OccurredAt = null)
    : IRequest<IReadOnlyList<TimelineEntryDto>>, IChangesPerson;

internal sealed class AddPartnerContributionValidator : AbstractValidator<AddPartnerContribution>
{
    public AddPartnerContributionValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.FromAgencyId)
            .RequiredId("the agency it came from")
            .ExistingAgency(db);
        RuleFor(x => x.Text).EntryText("what the partner said", required: true);
        this.OccurredInThePast(x => x.OccurredAt, clock);
    }
}

internal sealed class AddPartnerContributionHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AddPartnerContribution, IReadOnlyList<TimelineEntryDto>>
{
    public Task<IReadOnlyList<TimelineEntryDto>> Handle(AddPartnerContribution request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ConversationChanges.ApplyAsync(db, request.PersonId, conversation =>
            [conversation.AddPartnerContribution(new AgencyId(request.FromAgencyId), request.Text, request.OccurredAt ?? now, user.AsAuthor(), now)],
            cancellationToken);
    }
}
