using System.Text;

namespace Locality.Application.Demand.Imports;

/// <summary>Whether a file can be read as a demand CSV at all; the whole file is refused for any of these.</summary>
public static class DemandFileShape
{
    public static string? Check(byte[]? file)
    {
        if (file is null || file.Length == 0 || file.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            return "The file is empty. Choose a CSV file with a header line and at least one row";
        }

        if (file.Length > UploadDemandFileValidator.LargestFile)
        {
            return $"The file is larger than {UploadDemandFileValidator.LargestFile / 1024 / 1024} MB. Split it into smaller files";
        }

        var start = file.AsSpan(0, Math.Min(file.Length, 8192));
        if (start.StartsWith("PK\u0003\u0004"u8) || start.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            return "The file is a spreadsheet workbook, not CSV. Save it as \"CSV UTF-8 (comma delimited)\" and upload that";
        }

        if (start.Contains((byte)0) || start.StartsWith("%PDF"u8))
        {
            return "The file is not CSV (it is not text). Choose a CSV file";
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(start[..Utf8Boundary(start)]);
        }
        catch (DecoderFallbackException)
        {
            return "The file is not UTF-8 text. Save it as \"CSV UTF-8 (comma delimited)\" and upload that";
        }

        using var reader = CsvRecords.Open(file);
        using var records = CsvRecords.Read(reader).GetEnumerator();
        if (!records.MoveNext() || records.Current.Problem is not null)
        {
            return "The file has no header line. The first line must name the columns";
        }

        if (DemandHeader.Read(records.Current.Values, out var problem) is null)
        {
            return problem!.TrimEnd('.');
        }

        return records.MoveNext() ? null : "The file has a header line but no rows";
    }

    /// <summary>How much of the start can be decoded without cutting a character in two.</summary>
    private static int Utf8Boundary(ReadOnlySpan<byte> start)
    {
        var end = start.Length;
        for (var back = 1; back <= 3 && back <= start.Length; back++)
        {
            if ((start[^back] & 0xC0) != 0x80)
            {
                return (start[^back] & 0x80) == 0 ? end : end - back;
            }
        }

        return end;
    }
}
