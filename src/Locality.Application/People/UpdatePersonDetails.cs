using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.IdentityAndContact)]
public sealed record UpdatePersonDetails(
    Guid PersonId,
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
    uint Version) : IRequest<PersonDto>, IPersonFields, IChangesPerson;

internal sealed class UpdatePersonDetailsValidator : AbstractValidator<UpdatePersonDetails>
{
    public UpdatePersonDetailsValidator(TimeProvider clock) => this.AddPersonRules(clock);
}

internal sealed class UpdatePersonDetailsHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<UpdatePersonDetails, PersonDto>
{
    public async Task<PersonDto> Handle(UpdatePersonDetails request, CancellationToken cancellationToken)
    {
        var id = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var person = await db.People.SingleAsync(p => p.Id == id, cancellationToken);
        db.ExpectVersion(person, request.Version);
        var details = request.ToDetails();
        if (details.NhsNumber is { } nhs && await db.People.AnyAsync(p => p.Id != id && p.NhsNumber == nhs.Digits && p.MergedIntoId == null, cancellationToken))
        {
            throw new ValidationFailedException(nameof(request.NhsNumber), "Another person's record has this NHS number. If they are the same person, merge the two records");
        }

        var today = clock.Now().Today;
        person.Change(details, today);
        await db.SaveChangesAsync(cancellationToken);
        return PersonQueries.ToDto(person, today);
    }
}
