using Locality.Application.Common.Exceptions;

namespace Locality.Application.Common.Idempotency;

/// <summary>What a caller may send as an idempotency key, and how requests under one key are told apart within one call.</summary>
public sealed class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";
    public const string FormField = "__IdempotencyKey";
    public const int LongestKey = 200;

    private readonly Dictionary<string, int> sentUnderKey = [];

    /// <summary>A key is 1 to 200 visible ASCII characters (a UUID is the usual choice).</summary>
    public static string Checked(string key) =>
        key.Length is > 0 and <= LongestKey && key.All(c => c is > ' ' and <= '~')
            ? key
            : throw new ValidationFailedException(
                "IdempotencyKey", $"The Idempotency-Key must be 1 to {LongestKey} visible characters, for example a UUID");

    /// <summary>The 1st, 2nd… request of this kind sent under the key during this call.</summary>
    public int NextOrdinal(string requestName)
    {
        sentUnderKey[requestName] = sentUnderKey.GetValueOrDefault(requestName) + 1;
        return sentUnderKey[requestName];
    }
}
