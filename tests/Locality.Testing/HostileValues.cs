using System.Globalization;
using System.Text;
using CsCheck;

namespace Locality.Testing;

/// <summary>
/// One value a hostile or careless caller sends: as JSON (for a body) and, where it can be written as text, as text
/// (for a path segment, a query string or a form field). <see cref="Kind"/> groups values that fail the same way.
/// </summary>
public sealed record Hostile(string Kind, string Json, string? Text)
{
    public static Hostile OfText(string kind, string text) => new(kind, HostileValues.JsonString(text), text);

    public static Hostile OfJson(string kind, string json) => new(kind, json, json.Trim('"'));

    public override string ToString() => $"{Kind} {(Json.Length > 120 ? Json[..120] + "…" : Json)}";
}

/// <summary>
/// CsCheck generators of what hostile and careless callers send: NUL and other control characters, lone surrogates,
/// right-to-left overrides, text longer than allowed, date-times at every offset and at the ends of time, extreme
/// and negative integers, numbers that fit no type, wrong JSON types, malformed identifiers and other people's ids.
/// </summary>
public static class HostileValues
{
    private static readonly string[] Offsets = ["Z", "+00:00", "+01:00", "-05:30", "+14:00", "-12:00", "+05:45", "-00:00", "+23:59"];

    private static readonly string[] Moments =
        ["2026-03-29T01:30:00", "2026-10-25T01:30:00", "2026-06-15T12:00:00.1234567", "0001-01-01T00:00:00", "9999-12-31T23:59:59", "1969-12-31T23:59:59"];

    public static Gen<Hostile> Text(int? maxLength) => Gen.OneOf(
        Gen.OneOf(
            Hostile.OfText("nul", "before\0after"),
            Hostile.OfText("nul", "\0"),
            Hostile.OfText("lone-surrogate", "\uD800"),
            Hostile.OfText("lone-surrogate", "text\uDC00text"),
            Hostile.OfText("lone-surrogate", "\uDBFF\uDBFF"),
            Hostile.OfText("bidi-override", "\u202Egnp.exe\u202C"),
            Hostile.OfText("bidi-override", "\u2067isolate\u2069\u200F"),
            Hostile.OfText("control", "line\r\nInjected: header\u0007\u001B[31m"),
            Hostile.OfText("blank", string.Empty),
            Hostile.OfText("blank", " \t\u00A0\u3000 "),
            Hostile.OfText("invisible", "\uFEFF\u200B\u2060"),
            Hostile.OfText("markup", "<script>alert(1)</script>' OR 1=1 --"),
            Hostile.OfText("escapes", "%00%2e%2e/..\\..%ZZ{{7*7}}${jndi:x}"),
            Hostile.OfText("astral", "👩🏽‍🚒 𝕃𝕠𝕔𝕒𝕝𝕚𝕥𝕪 Z̷̢̛a̶l̸g̵o")),
        Gen.Int[1, 3].Select(extra => Hostile.OfText("overlong", new string('x', (maxLength ?? 10_000) + extra))),
        Gen.OneOf(Hostile.OfText("overlong", string.Concat(Enumerable.Repeat("😀", (maxLength ?? 10_000) + 1)))));

    public static Gen<Hostile> DateTime() => Gen.OneOf(
        Gen.Select(Gen.OneOf(Moments), Gen.OneOf(Offsets), (moment, offset) => Hostile.OfText("offset", moment + offset)),
        Gen.OneOf(
            Hostile.OfText("no-offset", "2026-06-15T12:00:00"),
            Hostile.OfText("bad-date-time", "2026-02-30T25:61:00Z"),
            Hostile.OfText("bad-date-time", "2026-06-15"),
            Hostile.OfText("bad-date-time", "yesterday"),
            Hostile.OfJson("wrong-type", "1718452800")));

    public static Gen<Hostile> Date() => Gen.OneOf(
        Hostile.OfText("extreme-date", "0001-01-01"),
        Hostile.OfText("extreme-date", "9999-12-31"),
        Hostile.OfText("extreme-date", "2024-02-29"),
        Hostile.OfText("bad-date", "2026-02-29"),
        Hostile.OfText("bad-date", "2026-13-01"),
        Hostile.OfText("bad-date", "15/06/2026"),
        Hostile.OfText("date-time-for-date", "2026-06-15T00:00:00+14:00"),
        Hostile.OfJson("wrong-type", "20260615"));

    public static Gen<Hostile> Integer() => Gen.OneOf(
        Number("extreme-integer", int.MaxValue),
        Number("extreme-integer", int.MinValue),
        Number("extreme-integer", (long)int.MaxValue + 1),
        Number("extreme-integer", long.MaxValue),
        Number("extreme-integer", long.MinValue),
        Number("negative", -1),
        Number("zero", 0),
        Hostile.OfJson("extreme-integer", "18446744073709551616"),
        Hostile.OfJson("fraction", "1.5"),
        Hostile.OfJson("fraction", "1e3"),
        Hostile.OfJson("wrong-type", "\"12\""),
        Hostile.OfJson("wrong-type", "true"));

    public static Gen<Hostile> Decimal() => Gen.OneOf(
        Hostile.OfJson("extreme-number", "1e308"),
        Hostile.OfJson("extreme-number", "-1e308"),
        Hostile.OfJson("extreme-number", "79228162514264337593543950336"),
        Hostile.OfJson("extreme-number", "0.00000000000000000000000000001"),
        Hostile.OfJson("negative", "-0.01"),
        Hostile.OfJson("negative", "-0"),
        Hostile.OfJson("wrong-type", "\"1.50\""));

    public static Gen<Hostile> Boolean() => Gen.OneOf(
        Hostile.OfJson("wrong-type", "\"true\""),
        Hostile.OfJson("wrong-type", "1"),
        Hostile.OfText("wrong-type", "yes"));

    /// <summary>Identifiers: other people's and unknown ones, the empty id, and text that is not an id at all.</summary>
    public static Gen<Hostile> Id(IReadOnlyList<Guid> known) => Gen.OneOf(
        Gen.Int[0, Math.Max(0, known.Count - 1)].Select(i => Hostile.OfText("known-id", (known.Count > 0 ? known[i] : Guid.NewGuid()).ToString())),
        Gen.Guid.Select(id => Hostile.OfText("unknown-id", id.ToString())),
        Gen.OneOf(
            Hostile.OfText("empty-id", Guid.Empty.ToString()),
            Hostile.OfText("bad-id", "not-a-guid"),
            Hostile.OfText("bad-id", "{" + Guid.Empty + "}"),
            Hostile.OfText("bad-id", "00000000-0000-0000-0000-00000000000G"),
            Hostile.OfJson("wrong-type", "42")));

    public static Gen<Hostile> Choice(IReadOnlyList<string> allowed) => Gen.OneOf(
        Hostile.OfText("unknown-choice", "Spaceship"),
        Hostile.OfText("unknown-choice", allowed.Count > 0 ? allowed[0].ToUpperInvariant() + "\0" : "x"),
        Hostile.OfText("unknown-choice", allowed.Count > 0 ? allowed[0].ToLowerInvariant() : "x"),
        Hostile.OfJson("wrong-type", "1"),
        Hostile.OfJson("wrong-type", "null"));

    public static Gen<Hostile> WrongType() => Gen.OneOf(
        Hostile.OfJson("wrong-type", "{}"),
        Hostile.OfJson("wrong-type", "[]"),
        Hostile.OfJson("wrong-type", "null"),
        Hostile.OfJson("wrong-type", "\"text\""),
        Hostile.OfJson("wrong-type", "-1"),
        Hostile.OfJson("wrong-type", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"));

    /// <summary>Text as a JSON string literal; a lone surrogate is written as its escape, as a careless encoder does.</summary>
    public static string JsonString(string text)
    {
        var json = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                json.Append(c).Append(text[++i]);
            }
            else if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>
    /// Text for a URL, every byte but the unreserved ones percent-encoded; a lone surrogate becomes the three bytes a
    /// careless encoder writes for it (which are not UTF-8), so the server sees what such a client sends.
    /// </summary>
    public static string UrlEncode(string text)
    {
        var url = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[++i]);
            }

            foreach (var b in Utf8Bytes(codePoint))
            {
                url.Append(b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~'
                    ? ((char)b).ToString()
                    : string.Create(CultureInfo.InvariantCulture, $"%{b:X2}"));
            }
        }

        return url.ToString();
    }

    private static byte[] Utf8Bytes(int codePoint) => codePoint switch
    {
        < 0x80 => [(byte)codePoint],
        < 0x800 => [(byte)(0xC0 | (codePoint >> 6)), (byte)(0x80 | (codePoint & 0x3F))],
        < 0x10000 => [(byte)(0xE0 | (codePoint >> 12)), (byte)(0x80 | ((codePoint >> 6) & 0x3F)), (byte)(0x80 | (codePoint & 0x3F))],
        _ => [(byte)(0xF0 | (codePoint >> 18)), (byte)(0x80 | ((codePoint >> 12) & 0x3F)), (byte)(0x80 | ((codePoint >> 6) & 0x3F)), (byte)(0x80 | (codePoint & 0x3F))],
    };

    private static Hostile Number(string kind, long value) => Hostile.OfJson(kind, value.ToString(CultureInfo.InvariantCulture));
}
