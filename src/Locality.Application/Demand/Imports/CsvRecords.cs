using System.Text;

namespace Locality.Application.Demand.Imports;

/// <summary>One record of a CSV file: the line it starts on, its values, or why it could not be read.</summary>
public readonly record struct CsvRecord(long Line, string[] Values, string? Problem);

/// <summary>
/// Reads CSV as RFC 4180 describes it: commas between values, double quotes around values that hold commas, quotes
/// (doubled) or line breaks, records ending in LF or CRLF. A byte-order mark is skipped; blank lines are ignored.
/// Each record carries the line it starts on, so a quoted line break does not throw later line numbers out.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader) => Scan(reader, keepValues: true);

    /// <summary>How many records <see cref="Read"/> would give, found the same way but without keeping any value.</summary>
    public static long Count(TextReader reader)
    {
        long count = 0;
        foreach (var _ in Scan(reader, keepValues: false))
        {
            count++;
        }

        return count;
    }

    private static IEnumerable<CsvRecord> Scan(TextReader reader, bool keepValues)
    {
        var values = new List<string>(16);
        var value = new Field(keepValues);
        long line = 1;
        long recordLine = 1;
        var quoted = false;
        var wasQuoted = false;
        var atRecordStart = true;
        var buffer = new char[64 * 1024];
        int count;
        var pendingCr = false;
        var first = true;

        while ((count = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var c = buffer[i];
                if (first)
                {
                    first = false;
                    if (c == '\uFEFF')
                    {
                        continue;
                    }
                }

                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < count ? buffer[i + 1] == '"' : reader.Peek() == '"')
                        {
                            value.Append('"');
                            if (i + 1 < count)
                            {
                                i++;
                            }
                            else
                            {
                                reader.Read();
                            }
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n' || c == '\r')
                        {
                            line++;
                            pendingCr = c == '\r';
                            value.Append('\n');
                            continue;
                        }

                        value.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' when value.Length == 0 && !wasQuoted:
                        quoted = true;
                        wasQuoted = true;
                        atRecordStart = false;
                        break;
                    case ',':
                        values.Add(value.Take());
                        wasQuoted = false;
                        atRecordStart = false;
                        break;
                    case '\r' or '\n':
                        pendingCr = c == '\r';
                        if (!atRecordStart)
                        {
                            values.Add(value.Take());
                            yield return new CsvRecord(recordLine, keepValues ? values.ToArray() : [], null);
                        }

                        values.Clear();
                        value.Clear();
                        wasQuoted = false;
                        atRecordStart = true;
                        line++;
                        recordLine = line;
                        break;
                    default:
                        value.Append(c);
                        atRecordStart = false;
                        break;
                }
            }
        }

        if (quoted)
        {
            yield return new CsvRecord(recordLine, [], "a quoted value is never closed (a \" is missing), so the rest of the file could not be read");
        }
        else if (!atRecordStart)
        {
            values.Add(value.Take());
            yield return new CsvRecord(recordLine, keepValues ? values.ToArray() : [], null);
        }
    }

    /// <summary>The value being read; when counting, only whether it has begun matters (a quote opens a value only at its start).</summary>
    private sealed class Field(bool keep)
    {
        private readonly StringBuilder text = new(64);

        public int Length { get; private set; }

        public void Append(char c)
        {
            Length++;
            if (keep)
            {
                text.Append(c);
            }
        }

        public string Take()
        {
            var taken = keep ? text.ToString() : string.Empty;
            Clear();
            return taken;
        }

        public void Clear()
        {
            text.Clear();
            Length = 0;
        }
    }

    /// <summary>A reader for the file's bytes as UTF-8, skipping a byte-order mark.</summary>
    public static TextReader Open(byte[] content) =>
        new StreamReader(new MemoryStream(content, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
}
