using System.Text.RegularExpressions;

namespace Locality.Domain.Common;

/// <summary>
/// Who noticed, suggested or took part, as a worker types it ("They said", "Their GP", "Them, their sister and me"),
/// made to read well inside a sentence: "noticed by them", "with them, their sister and me".
/// </summary>
public static partial class WhoWords
{
    private static readonly Dictionary<string, string> ObjectForm = new(StringComparer.OrdinalIgnoreCase)
    {
        ["they"] = "them",
        ["them"] = "them",
        ["themselves"] = "them",
        ["themself"] = "them",
        ["he"] = "him",
        ["him"] = "him",
        ["himself"] = "him",
        ["she"] = "her",
        ["her"] = "her",
        ["herself"] = "her",
        ["i"] = "me",
        ["me"] = "me",
        ["myself"] = "me",
        ["we"] = "us",
        ["us"] = "us",
        ["you"] = "you",
        ["yourself"] = "you",
    };

    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "They", "Them", "Their", "Theirs", "He", "Him", "His", "She", "Her", "Hers", "Me", "My", "Mine", "We", "Us", "Our",
        "You", "Your", "The", "A", "An", "Both", "All",
    };

    /// <summary>After "by": "They said" → "them"; "Their neighbour" → "their neighbour"; "Jean" stays "Jean".</summary>
    public static string AfterBy(string who)
    {
        var trimmed = who.Trim().TrimEnd('.', '!');
        var said = PronounThatSaid().Match(trimmed);
        if (said.Success && ObjectForm.TryGetValue(said.Groups["who"].Value, out var pronoun))
        {
            return pronoun;
        }

        return ObjectForm.TryGetValue(trimmed, out var alone) ? alone : InSentence(trimmed);
    }

    /// <summary>Inside a sentence: "Them, their sister and me" → "them, their sister and me"; a name keeps its capital.</summary>
    public static string InSentence(string who)
    {
        var trimmed = who.Trim().TrimEnd('.');
        var first = FirstWord().Match(trimmed);
        if (!first.Success)
        {
            return trimmed;
        }

        var word = first.Value;
        return SmallWords.Contains(word) ? string.Concat(word.ToLowerInvariant(), trimmed.AsSpan(word.Length)) : trimmed;
    }

    [GeneratedRegex(@"^(?<who>they|he|she|i|we|you)\s+(said|did|noticed|suggested|told us|told me|told you|asked)(\s+(it|so|that))?(\s+(themselves|himself|herself|myself|ourselves|yourself))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounThatSaid();

    [GeneratedRegex(@"^[A-Za-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex FirstWord();
}
