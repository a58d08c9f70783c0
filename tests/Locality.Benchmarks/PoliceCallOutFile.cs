using System.Globalization;
using System.Text;

namespace Locality.Benchmarks;

/// <summary>Someone already known to Locality, as a police file might name them.</summary>
internal sealed record KnownPerson(string Given, string Family, string? Preferred, DateOnly Born, string? Nhs);

/// <summary>What went into a generated file, so the import's report can be checked against it.</summary>
internal sealed record PoliceFileFacts(long Rows, long Bytes, long Duplicates, long Bad, long NamingSomeone, long Addresses);

/// <summary>
/// Writes a police force's call-out file the way a force's analyst would export it: call-outs and anti-social
/// behaviour reports with some arrests and nights in custody, over the three years before <c>until</c>, in UK time
/// (some with an offset). Most rows carry a UPRN, the rest a postcode and first line. A few addresses get many
/// call-outs and most get a handful. About one row in a hundred names a person (half of them people Locality knows),
/// one in two hundred repeats an earlier row, and one in two hundred is wrong (a date that does not exist, a UPRN
/// with letters in it). The same seed, rows, people and day always give the same file.
/// </summary>
internal sealed class PoliceCallOutFile(int rows, int seed, DateTimeOffset until, IReadOnlyList<KnownPerson> people)
{
    public const string Header =
        "source_reference,type,occurred_at,uprn,postcode,address_line_1,classification,failure_type,attendance_code,nhs_number,given_name,family_name,date_of_birth";

    private static readonly TimeZoneInfo Uk = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly string[] Streets =
    [
        "Mesnes Street", "King Street", "Hope Street", "Church Street", "Orrell Road", "Wallgate", "Standishgate", "Market Place",
        "Darlington Street", "Scholes", "Frog Lane", "Poolstock Lane", "Warrington Road", "Ormskirk Road", "Gidlow Lane", "Park Road",
    ];

    private static readonly string[] Blocks = ["Kenyon Court", "Ashton House", "Millgate House", "Brook Court", "Canal View"];

    private static readonly string[] GivenNames = ["Sam", "Alex", "Jo", "Chris", "Lee", "Jamie", "Danny", "Kelly", "Gemma", "Wayne"];

    private static readonly string[] FamilyNames = ["Hart", "Prescott", "Fairhurst", "Unsworth", "Rigby", "Heyes", "Ashurst", "Melling"];

    public async Task<PoliceFileFacts> WriteAsync(string path)
    {
        var random = new Random(seed);
        var addresses = MakeAddresses(random, Math.Max(100, rows / 5));
        var from = until.AddYears(-3);
        var span = (until - from).Ticks;
        var recent = new string[50_000];
        long good = 0, duplicates = 0, bad = 0, naming = 0;
        var line = new StringBuilder(200);

        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
        {
            writer.NewLine = "\n";
            await writer.WriteLineAsync(Header);
            for (var i = 0; i < rows; i++)
            {
                // A force re-sends rows it has sent before: the same row again, a little later in the file.
                if (good > 1000 && random.Next(200) == 0)
                {
                    await writer.WriteLineAsync(recent[random.Next((int)Math.Min(good, recent.Length))]);
                    duplicates++;
                    continue;
                }

                var at = from.AddTicks((long)(random.NextDouble() * span));
                var type = random.Next(100) switch { < 68 => "police-call-out", < 92 => "asb-report", < 97 => "arrest", _ => "night-in-custody" };
                var address = addresses[HeavyTailed(random, addresses.Length)];
                var failure = random.Next(100) < 35
                    ? random.Next(10) switch { < 5 => "REPEAT_CALLOUT", < 7 => "PASSED_ON", 7 => "REPEAT", 8 => "CHASE", _ => "NOT_RIGHT_FIRST_TIME" }
                    : null;
                var wrong = random.Next(200) == 0;
                var wrongDate = wrong && random.Next(2) == 0;

                line.Clear();
                line.Append("GMP-").Append(at.Year % 100).Append('-').Append(i.ToString("D7", CultureInfo.InvariantCulture)).Append(',');
                line.Append(type).Append(',');
                line.Append(wrongDate ? NoSuchDate(random, at) : When(random, at)).Append(',');
                if (wrong && !wrongDate)
                {
                    line.Append(address.Uprn[..5]).Append('A').Append(address.Uprn[6..]).Append(",,,");
                }
                else if (random.Next(100) < 85)
                {
                    line.Append(address.Uprn).Append(',');
                    line.Append(random.Next(3) == 0 ? address.Postcode : string.Empty).Append(',');
                    line.Append(random.Next(3) == 0 ? Quoted(address.Line1) : string.Empty).Append(',');
                }
                else
                {
                    line.Append(',').Append(address.Postcode).Append(',').Append(Quoted(address.Line1)).Append(',');
                }

                line.Append(failure is null ? "value," : "failure,").Append(failure).Append(",,");
                if (random.Next(100) == 0)
                {
                    AppendPerson(line, random);
                    naming++;
                }
                else
                {
                    line.Append(",,,");
                }

                var text = line.ToString();
                await writer.WriteLineAsync(text);
                if (wrong)
                {
                    bad++;
                }
                else
                {
                    recent[good++ % recent.Length] = text;
                }
            }
        }

        return new PoliceFileFacts(rows, new FileInfo(path).Length, duplicates, bad, naming, addresses.Length);
    }

    private void AppendPerson(StringBuilder line, Random random)
    {
        var person = people[random.Next(people.Count)];
        var born = random.Next(4) == 0 ? person.Born.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : person.Born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        switch (random.Next(10))
        {
            case < 3 when person.Nhs is not null:
                // The NHS number, as the custody record has it.
                line.Append(person.Nhs).Append(',').Append(person.Given).Append(',').Append(person.Family).Append(',').Append(born);
                break;
            case < 6:
                // The name and date of birth exactly (in upper case, as some systems write names).
                line.Append(',').Append(random.Next(2) == 0 ? person.Given : person.Given.ToUpperInvariant()).Append(',').Append(person.Family).Append(',').Append(born);
                break;
            case < 7:
                // The family name and date of birth, with a given name the person is not known by: only a likeness.
                line.Append(',').Append(GivenNames[random.Next(GivenNames.Length)]).Append(',').Append(person.Family).Append(',').Append(born);
                break;
            default:
                // Someone Locality does not know.
                var unknownBorn = new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 55));
                line.Append(',').Append(GivenNames[random.Next(GivenNames.Length)]).Append(',').Append(FamilyNames[random.Next(FamilyNames.Length)])
                    .Append(',').Append(unknownBorn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// An index weighted towards the start: with u uniform, u² puts a tenth of the rows on the busiest 1% of the
    /// addresses, and the busiest one gets about one row in 450 (a couple of call-outs a day at a million rows).
    /// </summary>
    private static int HeavyTailed(Random random, int count)
    {
        var u = random.NextDouble();
        return Math.Min(count - 1, (int)(count * u * u));
    }

    /// <summary>UK local time mostly, in the two ways exports write it; one in ten in UTC with its Z.</summary>
    private static string When(Random random, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Uk).DateTime;
        return random.Next(10) switch
        {
            < 8 => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            8 => local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            _ => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A date that is not one: 30 February, or a thirteenth month.</summary>
    private static string NoSuchDate(Random random, DateTimeOffset at) =>
        random.Next(2) == 0 ? $"30/02/{at.Year} {at.Hour:00}:{at.Minute:00}" : $"{at.Year}-13-{at.Day:00} {at.Hour:00}:{at.Minute:00}";

    private static string Quoted(string value) => value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;

    private static (string Uprn, string Postcode, string Line1)[] MakeAddresses(Random random, int count)
    {
        var addresses = new (string, string, string)[count];
        for (var i = 0; i < count; i++)
        {
            var uprn = (100_011_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var postcode = $"WN{random.Next(1, 9)} {random.Next(1, 10)}{Letter(random)}{Letter(random)}";
            var street = Streets[random.Next(Streets.Length)];
            var line1 = random.Next(5) == 0 ? $"Flat {random.Next(1, 30)}, {Blocks[random.Next(Blocks.Length)]}" : $"{random.Next(1, 250)} {street}";
            addresses[i] = (uprn, postcode, line1);
        }

        return addresses;
    }

    // Inward-code letters are never C, I, K, M, O or V.
    private static char Letter(Random random) => "ABDEFGHJLNPQRSTUWXYZ"[random.Next(20)];
}
