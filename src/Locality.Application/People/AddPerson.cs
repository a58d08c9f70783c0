using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Conversations;
using Locality.Domain.Conversations;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using MediatR;

namespace Locality.Application.People;

/// <summary>
/// Adds a person and opens the one conversation with them. Likely matches are shown first: the sender opens the
/// existing record or confirms this is someone new (<see cref="ConfirmedNew"/>). A matching NHS number always stops it.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record AddPerson : PersonFieldValues, IRequest<PersonDto>
{
    public AddPerson()
    {
    }

    public AddPerson(IPersonFields typed, Guid? leadWorkerId = null, bool confirmedNew = false)
        : base(typed)
    {
        LeadWorkerId = leadWorkerId;
        ConfirmedNew = confirmedNew;
    }

    /// <summary>Who leads the conversation; the sender when not given.</summary>
    public Guid? LeadWorkerId { get; init; }

    public bool ConfirmedNew { get; init; }
}

internal sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator(TimeProvider clock, IApplicationDbContext db, IIdentityService identity, ICurrentUser sender)
    {
        this.AddPersonRules(clock);
        RuleFor(x => x.LeadWorkerId).AssignableLead(db, identity, sender, WorkerRules.ChooseALead).When(x => x.LeadWorkerId is not null);
        RuleFor(x => x.LeadWorkerId)
            .Must(_ => sender.TeamId is not null).WithMessage("You are not in a team yet, so you cannot lead their conversation: select a lead key worker from the list")
            .When(x => x.LeadWorkerId is null);
    }
}

internal sealed class AddPersonHandler(IApplicationDbContext db, IPersonSearch search, ICurrentUser currentUser, TimeProvider clock, IAuditTrail audit)
    : IRequestHandler<AddPerson, PersonDto>
{
    public async Task<PersonDto> Handle(AddPerson request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var details = request.ToDetails();
        var matches = await search.FindLikelyMatchesAsync(
            details.GivenName, details.FamilyName, details.PreferredName, details.DateOfBirth, details.Postcode, details.NhsNumber, null, cancellationToken);
        if (matches.Any(m => m.SameNhsNumber) || (matches.Count > 0 && !request.ConfirmedNew))
        {
            throw new LikelyMatchesException(matches);
        }

        var leadId = request.LeadWorkerId is { } chosen ? new UserId(chosen) : currentUser.RequireUserId();
        var leadAgency = await WorkerRules.AgencyOfAsync(db, leadId, cancellationToken);

        var person = new Person(PersonId.New(), details, moment.Today);
        var (conversation, opened) = Conversation.Open(person.Id, leadId, leadAgency, currentUser.AsAuthor(), moment.Now);
        db.People.Add(person);
        db.Conversations.Add(conversation);
        db.TimelineEntries.Add(opened);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(person.Id, Domain.Access.AuditAction.Changed, nameof(AddPerson), Access.SectionNames.WholeRecord);
        return PersonQueries.ToDto(person, moment.Today);
    }
}
