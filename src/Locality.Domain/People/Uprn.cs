namespace Locality.Domain.People;

/// <summary>A Unique Property Reference Number: 1 to 12 digits, the reliable key for "the same address".</summary>
public readonly record struct Uprn
{
    public const int MaxLength = 12;

    private Uprn(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? input, out Uprn uprn)
    {
        uprn = default;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Leading zeros are not part of a UPRN: 000123 and 123 are the same property.
        uprn = new Uprn(trimmed.TrimStart('0') is { Length: > 0 } significant ? significant : "0");
        return true;
    }

    public static Uprn Parse(string input) => TryParse(input, out var uprn) ? uprn : throw new FormatException("That is not a UPRN.");
}
