using System.Text.RegularExpressions;

namespace Locality.Domain.People;

/// <summary>
/// A UK postcode in its normal form: upper case, one space between the outward code (2 to 4 characters) and the
/// inward code (a digit and two letters). Whether it exists needs a lookup; this checks that it could be one.
/// </summary>
public readonly partial record struct Postcode
{
    /// <summary>The longest normal form: seven characters and the space.</summary>
    public const int MaxLength = 8;

    private Postcode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The outward code, e.g. <c>WN1</c> of <c>WN1 1XX</c>: enough to say roughly where, not which house.</summary>
    public string Outward => Value[..Value.IndexOf(' ', StringComparison.Ordinal)];

    public override string ToString() => Value;

    public static bool TryParse(string? input, out Postcode postcode)
    {
        postcode = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var compact = new string(input.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (compact.Length is < 5 or > MaxLength - 1)
        {
            return false;
        }

        var normal = $"{compact[..^3]} {compact[^3..]}";
        if (!Shape().IsMatch(normal))
        {
            return false;
        }

        postcode = new Postcode(normal);
        return true;
    }

    public static Postcode Parse(string input) =>
        TryParse(input, out var postcode) ? postcode : throw new FormatException("That is not a postcode.");

    // Outward: A9, A99, AA9, AA99, A9A, AA9A. Inward: 9AA, where the letters are never C, I, K, M, O or V.
    [GeneratedRegex("^(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
