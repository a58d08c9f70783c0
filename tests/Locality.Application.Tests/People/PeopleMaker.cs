using Locality.Application.People;
using Locality.Testing;

namespace Locality.Application.Tests.People;

/// <summary>Adds people through the real use case, with details unique to each test unless a test says otherwise.</summary>
internal static class PeopleMaker
{
    public static AddPerson Request(
        string? given = null, string? family = null, string? preferred = null, DateOnly? dob = null, string? nhs = null,
        string? postcode = "WN1 1XX", bool confirmedNew = true, int? age = null) =>
        new()
        {
            GivenName = given ?? "Given" + Unique(),
            FamilyName = family ?? "Family" + Unique(),
            PreferredName = preferred,
            DateOfBirth = age is null ? dob ?? new DateOnly(1980, 1, 1) : dob,
            ApproximateAge = age,
            NhsNumber = nhs,
            AddressLine1 = "1 Church Street",
            Town = "Wigan",
            Postcode = postcode,
            Phone = "07700 900982",
            WhatMattersToMe = "Getting back to the allotment",
            ConfirmedNew = confirmedNew,
        };

    public static Task<PersonDto> AddAsync(ApplicationHarness app, TestCurrentUser worker, AddPerson? request = null) =>
        app.SendAsync(request ?? Request(), worker);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
