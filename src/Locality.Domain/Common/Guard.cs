namespace Locality.Domain.Common;

internal static class Guard
{
    public static string Text(string? value, int maxLength, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new BusinessRuleException($"{what} is required.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new BusinessRuleException($"{what} must be {maxLength} characters or fewer.");
        }

        return trimmed;
    }
}
