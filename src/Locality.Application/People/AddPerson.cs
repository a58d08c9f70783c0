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
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

/// <summary>
/// Adds a person and opens the one conversation with them. Likely matches are shown first: the sender opens the
/// existing record or confirms this is someone new (<see cref="ConfirmedNew"/>). A matching NHS number always stops it.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record AddPerson(
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    int? ApproximateAge,
    string? NhsNumber,
    string? AddressLine1,
    string? AddressLine2,
    string? Town,
    string? Postcode,
    string? Uprn,
    string? Phone,
    string? Email,
    string? CommunicationNeeds,
    string? SafetyNotes,
    string? WhatMattersToMe,
    Guid? LeadWorkerId = null,
    bool ConfirmedNew = false) : IRequest<PersonDto>, IPersonFields;

internal sealed class AddPersonValidator : AbstractValidator<AddPerson>
{
    public AddPersonValidator(TimeProvider clock, IApplicationDbContext db, IIdentityService identity, ICurrentUser sender)
    {
        this.AddPersonRules(clock);
        RuleFor(x => x.LeadWorkerId).AssignableLead(db, identity, sender, WorkerRules.ChooseALead).When(x => x.LeadWorkerId is not null);
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
        var leadAgency = await (
                from s in db.StaffMembers
                join t in db.Teams on s.TeamId equals t.Id
                where s.Id == leadId && s.IsActive
                select t.AgencyId)
            .SingleOrDefaultAsync(cancellationToken);
        if (leadAgency == default)
        {
            throw new ValidationFailedException(nameof(AddPerson.LeadWorkerId), "Select a lead key worker from the list");
        }

        var person = new Person(PersonId.New(), details, moment.Today);
        var (conversation, opened) = Conversation.Open(person.Id, leadId, leadAgency, currentUser.AsAuthor(), moment.Now);
        db.People.Add(person);
        db.Conversations.Add(conversation);
        db.TimelineEntries.Add(opened);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(person.Id, Domain.Access.AuditAction.Changed, nameof(AddPerson), "Whole record");
        return PersonQueries.ToDto(person, moment.Today);
    }
}
