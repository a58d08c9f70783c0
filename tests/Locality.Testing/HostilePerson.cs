using Xunit;

namespace Locality.Testing;

/// <summary>
/// A person whose identifying details must never reach a log line, a span or a metric: names made unique for each
/// test, a valid NHS number and a refused one (each written with and without spaces), an address, a phone number and
/// a safety note. The logging and telemetry tests of both hosts send them and then look for every one of
/// <see cref="Secrets"/>.
/// </summary>
public sealed class HostilePerson
{
    public const string NhsNumber = "943 476 5919";
    public const string NhsDigits = "9434765919";
    public const string RefusedNhsNumber = "943 476 5918";
    public const string DateOfBirth = "1969-03-14";
    public const string AddressLine1 = "12 Rope Walk";
    public const string Town = "Wigan";
    public const string Postcode = "WN1 2AB";
    public const string Phone = "07700 900461";
    public const string SafetyNotes = "Ring the bell twice";

    private HostilePerson(string given, string family)
    {
        Given = given + Guid.NewGuid().ToString("N")[..6];
        Family = family + Guid.NewGuid().ToString("N")[..6];
    }

    public string Given { get; }

    public string Family { get; }

    /// <summary>A new person, <paramref name="given"/> and <paramref name="family"/> made unique with a suffix.</summary>
    public static HostilePerson Named(string given, string family) => new(given, family);

    /// <summary>The API's body for adding them (<c>POST /api/people</c>), to change and send again.</summary>
    public Dictionary<string, object?> ApiBody() => new()
    {
        ["givenName"] = Given,
        ["familyName"] = Family,
        ["dateOfBirth"] = DateOfBirth,
        ["nhsNumber"] = NhsNumber,
        ["addressLine1"] = AddressLine1,
        ["town"] = Town,
        ["postcode"] = Postcode,
        ["safetyNotes"] = SafetyNotes,
        ["confirmedNew"] = true,
    };

    /// <summary>The web form for adding them (<c>/people/new</c>), with the refused NHS number first: the test sends it, then mends it.</summary>
    public Dictionary<string, string> WebForm() => new()
    {
        ["GivenName"] = Given,
        ["FamilyName"] = Family,
        ["DateOfBirth.Day"] = "14",
        ["DateOfBirth.Month"] = "3",
        ["DateOfBirth.Year"] = "1969",
        ["NhsNumber"] = RefusedNhsNumber,
        ["Postcode"] = Postcode,
        ["Phone"] = Phone,
        ["SafetyNotes"] = SafetyNotes,
        ["ConfirmedNew"] = "true",
    };

    /// <summary>Every identifying value sent, in each way it may be written, and <paramref name="more"/>.</summary>
    public IReadOnlyList<string> Secrets(params string[] more) =>
        [Given, Family, NhsDigits, NhsNumber, RefusedNhsNumber.Replace(" ", "", StringComparison.Ordinal), RefusedNhsNumber, "Rope Walk", Postcode, "900461", "Ring the bell", .. more];

    /// <summary>Fails naming the first secret found in <paramref name="texts"/>, and up to five places it was found.</summary>
    public void AssertNoneIn(IReadOnlyCollection<string> texts, string where, params string[] more)
    {
        foreach (var secret in Secrets(more))
        {
            var leaks = texts.Where(text => text.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' reached {where}:{Environment.NewLine}{string.Join(Environment.NewLine, leaks.Take(5))}");
        }
    }
}
