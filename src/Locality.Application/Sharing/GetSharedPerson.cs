using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Sharing;

/// <summary>
/// A shared person, as the partner agency may see them. A person not shared with the agency is "not found", exactly as
/// one who does not exist.
/// </summary>
[AllowedFor(Roles.PartnerViewer, Roles.PartnerSystem)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record GetSharedPerson(Guid PersonId) : IRequest<SharedPersonDto>, IReadsPerson;

internal sealed class GetSharedPersonHandler(
    IApplicationDbContext db, ICurrentUser user, IPersonAccess access, TimeProvider clock, IOptions<ConversationOptions> options,
    IOptions<Ratings.RatingOptions> ratingOptions)
    : IRequestHandler<GetSharedPerson, SharedPersonDto>
{
    public async Task<SharedPersonDto> Handle(GetSharedPerson request, CancellationToken cancellationToken)
    {
        var id = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var decision = await access.DecideAsync(id, cancellationToken);
        var sees = decision.Sections;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.PersonId == id, cancellationToken);
        var agencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == user.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var identity = sees.Contains(RecordSection.IdentityAndContact)
            ? new SharedIdentityDto(
                person.KnownAs, person.GivenName, person.FamilyName, person.DateOfBirth, person.NhsNumber is null ? null : NhsNumber.FromStored(person.NhsNumber).Formatted,
                person.AddressLine1, person.AddressLine2, person.Town, person.Postcode, person.Phone, person.Email, person.CommunicationNeeds, person.SafetyNotes)
            : null;
        IReadOnlyList<TimelineEntryDto>? timeline = null;
        ConversationState? state = null;
        string? lead = null;
        if (sees.Contains(RecordSection.Timeline))
        {
            timeline = (await TimelineQueries.PageAsync(db, id, TimelineViewer.Partner(user, decision), null, TimelineQueries.PageSize, cancellationToken)).Entries;
            state = conversation.StateAt(clock.Now(), options.Value.QuietAfter);
            lead = await db.StaffMembers.AsNoTracking().Where(s => s.Id == conversation.LeadWorkerId).Select(s => s.DisplayName).SingleAsync(cancellationToken);
        }

        // Strengths and plan, and ratings, only where the sharing covers them. What stays internal: the plan's change
        // history, workers' notes on steps, who recorded a strength or made a rating, and the evidence behind each step.
        var plan = sees.Contains(RecordSection.StrengthsAndPlan)
            ? await Plans.PlanQueries.ForPersonAsync(db, id, clock.Now().Today, null, cancellationToken)
            : null;
        plan = plan is null ? null : plan with
        {
            History = [],
            Strengths = plan.Strengths.Select(s => s with { RecordedByName = null }).ToList(),
            Goals = plan.Goals.Select(g => g with { Steps = g.Steps.Select(s => s with { Notes = null }).ToList() }).ToList(),
        };
        var ratings = sees.Contains(RecordSection.ChaosIndexRatings)
            ? (await Ratings.RatingQueries.ForPersonAsync(db, id, ratingOptions.Value.StableWithinPoints, cancellationToken)).Instruments
                .Select(t => t with { Ratings = t.Ratings.Select(r => r with { RatedByName = null, Items = r.Items.Select(i => i with { Evidence = null }).ToList() }).ToList() })
                .ToList()
            : null;
        return new SharedPersonDto(id.Value, agencyName, sees.Order().ToList(), decision.MayContribute, identity, state, lead, timeline, plan, ratings);
    }
}
