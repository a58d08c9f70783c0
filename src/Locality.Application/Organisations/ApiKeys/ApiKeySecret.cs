using System.Security.Cryptography;
using System.Text;

namespace Locality.Application.Organisations.ApiKeys;

/// <summary>
/// Partner API keys look like <c>lk_{prefix}_{secret}</c>. The prefix finds the key; only a SHA-256 hash of
/// the whole key is stored. The secret has 256 bits of entropy, so a fast hash is enough (no password stretching).
/// </summary>
public static class ApiKeySecret
{
    private const string Scheme = "lk";
    private const int PrefixLength = 10;

    public static (string Key, string Prefix, string Hash) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = $"{Scheme}_{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    public static string? PrefixOf(string presented)
    {
        var parts = presented.Split('_', 3);
        return parts is [Scheme, { Length: PrefixLength } prefix, { Length: > 0 }] ? prefix : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
