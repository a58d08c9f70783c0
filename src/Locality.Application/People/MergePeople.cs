using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.People;

/// <summary>
/// Two records turn out to be the same person. Everything on the merged record's timeline moves to the surviving
/// record; the merged record's team joins the survivor's; the merge itself is recorded (who, when, why, how much
/// moved); and the merged record's id keeps working, opening the survivor.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record MergePeople(Guid SurvivorId, Guid MergedId, string Reason) : IRequest<PersonDto>, IPersonRequest
{
    IEnumerable<Guid> IPersonRequest.PersonIds => [SurvivorId, MergedId];

    Domain.Access.AuditAction IPersonRequest.AuditAs => Domain.Access.AuditAction.Changed;
}

internal sealed class MergePeopleValidator : AbstractValidator<MergePeople>
{
    public MergePeopleValidator()
    {
        RuleFor(x => x.SurvivorId).RequiredId("the record to keep");
        RuleFor(x => x.MergedId)
            .RequiredId("the record to merge into it");
        RuleFor(x => x.Reason).RequiredText("why these are the same person", PersonMerge.ReasonMaxLength);
    }
}

internal sealed class MergePeopleHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<ConversationOptions> options)
    : IRequestHandler<MergePeople, PersonDto>
{
    public async Task<PersonDto> Handle(MergePeople request, CancellationToken cancellationToken)
    {
        var survivorId = await PersonLookup.ResolveAsync(db, request.SurvivorId, cancellationToken);
        var mergedId = await PersonLookup.ResolveAsync(db, request.MergedId, cancellationToken);
        var moment = clock.Now();
        var author = user.AsAuthor();
        var merged = await db.People.SingleAsync(p => p.Id == mergedId, cancellationToken);

        // Asked first, so a record already merged into the other (or named twice) is refused before anything moves.
        merged.MergeInto(survivorId);
        var survivorConversation = await db.Conversations.Include(c => c.Members).SingleAsync(c => c.PersonId == survivorId, cancellationToken);
        var mergedConversation = await db.Conversations.Include(c => c.Members).SingleAsync(c => c.PersonId == mergedId, cancellationToken);

        // The one place entries change their parent: the database allows moving them, and nothing else.
        var moved = await db.TimelineEntries.Where(e => e.PersonId == mergedId).ExecuteUpdateAsync(
            set => set.SetProperty(e => e.PersonId, survivorId).SetProperty(e => e.ConversationId, survivorConversation.Id), cancellationToken);

        // What belongs to the person follows them: their consent decisions, lawful bases, restrictions, emergency access.
        await db.ConsentRecords.Where(c => c.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(c => c.PersonId, survivorId), cancellationToken);
        await db.LawfulBases.Where(b => b.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(b => b.PersonId, survivorId), cancellationToken);
        await db.EntryRestrictions.Where(r => r.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(r => r.PersonId, survivorId), cancellationToken);
        await db.BreakGlassGrants.Where(g => g.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(g => g.PersonId, survivorId), cancellationToken);
        await db.Ratings.Where(r => r.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(r => r.PersonId, survivorId), cancellationToken);
        await db.RatingsDue.Where(d => d.PersonId == mergedId).ExecuteDeleteAsync(cancellationToken);
        await db.Strengths.Where(s => s.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(s => s.PersonId, survivorId), cancellationToken);
        await db.Connections.Where(c => c.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(c => c.PersonId, survivorId), cancellationToken);
        await db.DemandEvents.Where(e => e.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(e => e.PersonId, survivorId), cancellationToken);

        // A plan moves with the record if the survivor has none; two plans are not merged (the merged one is kept as it was).
        if (!await db.Plans.AnyAsync(p => p.PersonId == survivorId, cancellationToken))
        {
            await db.Plans.Where(p => p.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(p => p.PersonId, survivorId), cancellationToken);
            await db.PlanVersions.Where(v => v.PersonId == mergedId).ExecuteUpdateAsync(set => set.SetProperty(v => v.PersonId, survivorId), cancellationToken);
        }

        var entries = new List<TimelineEntry>();
        foreach (var member in mergedConversation.Members.Where(m => m.IsCurrent))
        {
            var alreadyThere = survivorConversation.Members.Any(m => m.IsCurrent
                && (member.WorkerId is { } worker ? m.WorkerId == worker : m.Role == MemberRole.Agency && m.AgencyId == member.AgencyId));
            if (!alreadyThere)
            {
                entries.Add(survivorConversation.Join(member.WorkerId is null ? MemberRole.Agency : MemberRole.Worker, member.WorkerId, member.AgencyId, author, moment.Now));
            }
        }

        entries.Add(survivorConversation.AbsorbMerged(mergedConversation, mergedId, author, moment, options.Value.QuietAfter, out var stateChanges));
        entries.AddRange(stateChanges);
        db.TimelineEntries.AddRange(entries);
        db.PersonMerges.Add(new PersonMerge(survivorId, mergedId, request.Reason, user.UserId, moment.Now, moved));
        await db.SaveChangesAsync(cancellationToken);
        return await PersonQueries.GetAsync(db, survivorId, moment.Today, cancellationToken);
    }
}
