using Locality.Application.People;
using Locality.Testing;

namespace Locality.Application.Tests.People;

/// <summary>Adds people through the real use case, with details unique to each test unless a test says otherwise.</summary>
internal static class PeopleMaker
{
    public static AddPerson Request(
        string? given = null, string? family = null, string? preferred = null, DateOnly? dob = null, string? nhs = null,
        string? postcode = "WN1 1XX", bool confirmedNew = true, int? age = null) =>
        new(
            given ?? "Given" + Unique(), family ?? "Family" + Unique(), preferred, age is null ? dob ?? new DateOnly(1980, 1, 1) : dob, age, nhs,
            "1 Church Street", null, "Wigan", postcode, null, "07700 900982", null, null, null, "Getting back to the allotment",
            ConfirmedNew: confirmedNew);

    public static Task<PersonDto> AddAsync(ApplicationHarness app, TestCurrentUser worker, AddPerson? request = null) =>
        app.SendAsync(request ?? Request(), worker);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
