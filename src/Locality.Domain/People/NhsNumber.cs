namespace Locality.Domain.People;

/// <summary>
/// A 10-digit NHS number whose last digit is its modulus-11 check digit. Stored as digits only; shown 3-3-4.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    public string Digits { get; }

    /// <summary>The number as people read it: <c>943 476 5919</c>.</summary>
    public string Formatted => $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";

    public override string ToString() => Formatted;

    /// <summary>Accepts spaces and hyphens between digits; anything else, a wrong length or a wrong check digit is refused.</summary>
    public static bool TryParse(string? input, out NhsNumber number)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit) || CheckDigit(digits) is not { } check || check != digits[9] - '0')
        {
            return false;
        }

        number = new NhsNumber(digits);
        return true;
    }

    public static NhsNumber Parse(string input) =>
        TryParse(input, out var number) ? number : throw new FormatException("That is not a valid NHS number.");

    /// <summary>Rebuilds a number already checked when it was stored.</summary>
    public static NhsNumber FromStored(string digits) => Parse(digits);

    /// <summary>The check digit the first nine digits call for, or null when they call for 10 (no valid number starts this way).</summary>
    public static int? CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }
}
