using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

internal static class PersonQueries
{
    public static async Task<PersonDto> GetAsync(IApplicationDbContext db, PersonId id, DateOnly today, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                     ?? throw new NotFoundException("Person");
        return ToDto(person, today);
    }

    public static PersonDto ToDto(Person p, DateOnly today) => new(
        p.Id.Value, p.GivenName, p.FamilyName, p.PreferredName, p.KnownAs, p.DateOfBirth, p.ApproximateAge, p.AgeOn(today),
        p.NhsNumber is null ? null : NhsNumber.FromStored(p.NhsNumber).Formatted,
        p.AddressLine1, p.AddressLine2, p.Town, p.Postcode, p.Uprn, p.Phone, p.Email, p.CommunicationNeeds, p.SafetyNotes,
        p.WhatMattersToMe, p.Version);
}
