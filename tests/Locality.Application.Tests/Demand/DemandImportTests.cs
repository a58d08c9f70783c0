using System.Text;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.Demand;
using Locality.Application.Demand.Imports;
using Locality.Application.Tests.People;
using Locality.Domain.Conversations;
using Locality.Domain.Demand;
using Locality.Domain.Organisations;
using Locality.Domain.People;
using Locality.Infrastructure.Jobs;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application.Tests.Demand;

public sealed class DemandImportTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private const string Header = "source_reference,type,occurred_at,uprn,postcode,address_line_1,classification,failure_type,attendance_code,nhs_number,given_name,family_name,date_of_birth";

    /// <summary>The example file in docs/ (a byte-order mark, Windows line endings, a quoted line break, a duplicate and eight bad rows).</summary>
    public static byte[] ExampleFile() => RepositoryFiles.ExamplePoliceFile();

    [Fact]
    public async Task TheExamplePoliceFile_GivesTheExactReport_AndImportingItAgainStoresNothingTwice()
    {
        var (lead, police) = await LeadAndPoliceAsync();

        var first = await ImportAsync(lead, police, ExampleFile());

        // Worked out by reading the file: 17 rows after the header; the row with a quoted line break spans lines 12-13.
        Assert.Equal(ImportStatus.Finished, first.Status);
        Assert.Equal((17, 17, 8, 1, 8), (first.TotalRows, first.RowsDone, first.Imported, first.AlreadySeen, first.Rejected));
        Assert.Equal(
            [
                (7L, "type 'burglary' is not a demand type Locality knows"),
                (8L, "occurred_at '31/02/2026 10:00' is not a date and time (use 2026-03-14T21:05:00Z, 2026-03-14 21:05 or 14/03/2026 21:05, UK time unless an offset is given)"),
                (9L, "uprn '10001A78' is not a UPRN (up to 12 digits, no letters)"),
                (10L, "postcode 'NOT A POSTCODE' cannot be a UK postcode"),
                (11L, "occurred_at 2099-01-01 10:00 is in the future"),
                (14L, "classification 'maybe' is neither value nor failure"),
                (15L, "failure_type is empty: failure demand needs its kind (such as REPEAT_CALLOUT)"),
                (17L, "it has 9 values but the first line names 13 columns (a comma too many or too few, or a value with a comma not in quotes)"),
            ],
            first.Problems.Select(p => (p.Line, p.Reason)));
        var stored = await EventsOfAsync(police);
        Assert.Equal(8, stored.Count);
        Assert.Equal("Flat 2\nAshton House", stored.Single(e => e.SourceReference == "GMP-26-104903").AddressLine1);
        Assert.Equal("Flat 4, Kenyon Court", stored.Single(e => e.SourceReference == "GMP-26-104801").AddressLine1);
        Assert.Equal(3, stored.Count(e => e.AddressKey == "uprn:100011781234"));
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 21, 15, 0, TimeSpan.Zero), stored.Single(e => e.SourceReference == "GMP-26-104411").OccurredAt);

        var again = await ImportAsync(lead, police, ExampleFile());

        Assert.Equal((8, 0, 9), (again.Rejected, again.Imported, again.AlreadySeen));
        Assert.Equal(8, (await EventsOfAsync(police)).Count);
    }

    [Fact]
    public async Task TheSameFileUploadedTwiceAtOnce_IsStoredOnce()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        // Three batches: the import that waits for the other's chunk finds its rows stored and carries on carefully.
        var rows = Enumerable.Range(1, 3 * new DemandImportOptions().BatchRows)
            .Select(i => $"REF-{i},police-call-out,2026-06-01 10:00,{1000 + (i % 500)},,,value,,,,,,");
        var file = Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");
        var one = await app.SendAsync(new UploadDemandFile(police.Value, null, "a.csv", file), lead);
        var two = await app.SendAsync(new UploadDemandFile(police.Value, null, "b.csv", file), lead);

        await Task.WhenAll(Task.Run(() => RunAsync(one)), Task.Run(() => RunAsync(two)));

        var a = await app.SendAsync(new GetDemandImport(one), lead);
        var b = await app.SendAsync(new GetDemandImport(two), lead);
        Assert.Equal(30_000, a.Imported + b.Imported);
        Assert.Equal(30_000, a.AlreadySeen + b.AlreadySeen);
        Assert.Equal(30_000, await app.WithDbAsync(db => db.DemandEvents.CountAsync(e => e.AgencyId == police)));
    }

    public static TheoryData<string, string> WholeFileRefusals() => new()
    {
        { string.Empty, "The file is empty. Choose a CSV file with a header line and at least one row" },
        { "\r\n\r\n", "The file is empty. Choose a CSV file with a header line and at least one row" },
        { Header + "\r\n", "The file has a header line but no rows" },
        { "GMP-1,police-call-out,2026-01-01,,,,value,,,,,,\n", "The first line of the file must name its columns, and it names none that Locality reads. It needs at least source_reference, type, occurred_at, classification; docs/demand-import-format.md lists them all" },
        { "source_reference,type,uprn\nA,police-call-out,1\n", "The file has no occurred_at, classification columns. The first line must name at least source_reference, type, occurred_at, classification" },
        { Header.Replace(',', ';') + "\nA;police-call-out;2026-01-01;;;;value;;;;;;\n", "The columns are separated by semicolons (;). Locality reads CSV with commas (,) between values: save the file as \"CSV (comma delimited)\" and upload it again" },
        { "PK\u0003\u0004 workbook", "The file is a spreadsheet workbook, not CSV. Save it as \"CSV UTF-8 (comma delimited)\" and upload that" },
        { "source_reference,type,type,occurred_at,classification\n", "The first line names type more than once. Each column may appear once" },
    };

    [Theory]
    [MemberData(nameof(WholeFileRefusals))]
    public async Task AFileThatCannotBeRead_IsRefusedWhole_WithItsReason_AndNothingIsQueued(string content, string message)
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var before = await app.WithDbAsync(db => db.DemandImports.CountAsync());

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new UploadDemandFile(police.Value, null, "x.csv", Encoding.UTF8.GetBytes(content)), lead));

        Assert.Equal([message], refused.Errors["File"]);
        Assert.Equal(before, await app.WithDbAsync(db => db.DemandImports.CountAsync()));
    }

    [Fact]
    public async Task ExtraColumns_AreNamedAndIgnored_AndARowWithTooManyValuesIsRejected()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var file = Encoding.UTF8.GetBytes(
            Header + ",officer,beat\n" +
            "X-1,police-call-out,2026-05-01 10:00,,,,value,,,,,,,PC 123,North\n" +
            "X-2,police-call-out,2026-05-01 11:00,,,,value,,,,,,,PC 123,North,extra\n");

        var report = await ImportAsync(lead, police, file);

        Assert.Equal((1, 1), (report.Imported, report.Rejected));
        Assert.Equal("Columns not read (Locality does not use them): officer, beat.", report.Message);
        Assert.Equal(3, report.Problems.Single().Line);
        Assert.StartsWith("it has 16 values but the first line names 15 columns", report.Problems.Single().Reason);
    }

    [Fact]
    public async Task AReportLongerThanItsColumn_IsCutShort_AndTheImportStillRuns()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var unread = Enumerable.Range(1, 40).Select(i => $"unread_{i:00}_{new string('x', 60)}").ToList();
        var file = Encoding.UTF8.GetBytes(
            Header + "," + string.Join(",", unread) + "\n" +
            "L-1,police-call-out,2026-05-01 10:00,,,,value,,,,,," + new string(',', unread.Count) + "\n");

        var report = await ImportAsync(lead, police, file);

        Assert.Equal((ImportStatus.Finished, 1L), (report.Status, report.Imported));
        Assert.Equal(DemandImport.MessageMaxLength, report.Message!.Length);
        Assert.StartsWith("Columns not read (Locality does not use them): unread_01_", report.Message);
    }

    [Fact]
    public async Task PeopleAreLinked_OnlyOnACertainMatch_AndAWeakLikenessIsOfferedNotLinked()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var worker = await app.CreateWorkerInTeamOfAsync(lead);
        var nhs = NewNhsNumber();
        var family = "Ashworth" + Guid.NewGuid().ToString("N")[..6];
        var byNumber = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: nhs, dob: new DateOnly(1971, 2, 3)));
        var byName = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(given: "Maureen", family: family, dob: new DateOnly(1962, 7, 8)));
        var file = Encoding.UTF8.GetBytes(
            Header + "\n" +
            $"M-1,police-call-out,2026-05-01 10:00,,,,value,,,{nhs},Someone,Else,\n" +
            $"M-2,ae-attendance,2026-05-02 10:00,,,,failure,REPEAT,,,maureen,{family.ToUpperInvariant()},08/07/1962\n" +
            $"M-3,police-call-out,2026-05-03 10:00,,,,value,,,,Mo,{family},1962-07-08\n" +
            "M-4,police-call-out,2026-05-04 10:00,,,,value,,,,Nobody,Atall,1962-07-08\n");

        var report = await ImportAsync(lead, police, file);

        Assert.Equal((4, 2, 1), (report.Imported, report.Linked, report.Offered));
        var events = (await EventsOfAsync(police)).ToDictionary(e => e.SourceReference!);
        Assert.Equal(byNumber.Id, events["M-1"].PersonId?.Value);
        Assert.Equal(byName.Id, events["M-2"].PersonId?.Value);
        Assert.Null(events["M-3"].PersonId);
        Assert.Null(events["M-4"].PersonId);
        Assert.Equal(lead.TeamId, events["M-1"].TeamId);
        var offer = await app.WithDbAsync(db => db.DemandMatchOffers.SingleAsync(o => o.EventId == events["M-3"].Id));
        Assert.Equal((byName.Id, "The same date of birth and one of the names"), (offer.PersonId.Value, offer.Why));
        var timeline = await app.SendAsync(new GetTimeline(byName.Id), worker);
        Assert.Contains(timeline.Entries, e => e.Kind == EntryKind.DemandRecorded && e.Text!.EndsWith("matched by name and date of birth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorker_ConfirmsAnOfferedMatch_WhichLinksIt_OrTurnsItDown_WhichLeavesItAlone()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var worker = await app.CreateWorkerInTeamOfAsync(lead);
        var family = "Offered" + Guid.NewGuid().ToString("N")[..6];
        var pat = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(given: "Patricia", family: family, dob: new DateOnly(1958, 4, 9)));
        var file = Encoding.UTF8.GetBytes(
            Header + "\n" +
            $"O-1,police-call-out,2026-05-01 10:00,,,,value,,,,Pat,{family},1958-04-09\n" +
            $"O-2,police-call-out,2026-05-02 10:00,,,,value,,,,Trish,{family},1958-04-09\n");
        await ImportAsync(lead, police, file);

        var offers = await app.SendAsync(new GetMatchOffers(pat.Id), worker);
        Assert.Equal(["O-1", "O-2"], offers.Select(o => o.Event.SourceReference).Order());
        var first = offers.Single(o => o.Event.SourceReference == "O-1");
        var second = offers.Single(o => o.Event.SourceReference == "O-2");

        await app.SendAsync(new DecideMatchOffer(pat.Id, first.Id, MatchDecision.Confirmed, first.Version), worker);
        await app.SendAsync(new DecideMatchOffer(pat.Id, second.Id, MatchDecision.NotThem, second.Version), worker);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new DecideMatchOffer(pat.Id, first.Id, MatchDecision.NotThem, first.Version), worker));
        var noAnswer = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new DecideMatchOffer(pat.Id, second.Id, null, second.Version), worker));

        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
        Assert.Equal(["Say whether this is theirs"], noAnswer.Errors["Decision"]);
        Assert.Empty(await app.SendAsync(new GetMatchOffers(pat.Id), worker));
        var events = (await EventsOfAsync(police)).ToDictionary(e => e.SourceReference!);
        Assert.Equal((pat.Id, lead.TeamId), (events["O-1"].PersonId?.Value, events["O-1"].TeamId));
        Assert.Null(events["O-2"].PersonId);
        var demand = await app.SendAsync(new Application.Demand.GetPersonDemand(pat.Id), worker);
        Assert.Equal("O-1", Assert.Single(demand).SourceReference);
        var timeline = await app.SendAsync(new GetTimeline(pat.Id), worker);
        Assert.Contains(timeline.Entries, e => e.Kind == EntryKind.DemandRecorded && e.Text!.EndsWith("confirmed as theirs by a worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallOutsToOneAddressInTheLocality_AreFlaggedForTheTeamLead_OnlyWhenEnoughFallInTheWindow()
    {
        var (lead, police) = await LeadAndPoliceAsync();
        var now = app.Clock.GetUtcNow();
        string At(int daysAgo) => now.AddDays(-daysAgo).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var file = Encoding.UTF8.GetBytes(
            Header + "\n" +
            $"R-1,police-call-out,{At(10)},200000000001,,,failure,REPEAT_CALLOUT,,,,,\n" +
            $"R-2,asb-report,{At(60)},200000000001,,,value,,,,,,\n" +
            $"R-3,police-call-out,{At(150)},200000000001,,,value,,,,,,\n" +
            $"R-4,police-call-out,{At(200)},200000000002,,,value,,,,,,\n" +
            $"R-5,police-call-out,{At(10)},200000000002,,,value,,,,,,\n" +
            $"R-6,police-call-out,{At(20)},200000000002,,,value,,,,,,\n" +
            $"R-7,arrest,{At(5)},200000000002,,,value,,,,,,\n");
        Assert.Equal(7, (await ImportAsync(lead, police, file)).Imported);

        var repeats = await app.SendAsync(new GetRepeatDemand(), lead);

        // The first address: three call-outs and reports in 183 days. The second: one is older than 183 days and an
        // arrest does not count, so two.
        var flagged = Assert.Single(repeats, r => r.Kind == RepeatKind.CallOutsToAnAddress);
        Assert.Equal(("UPRN 200000000001", 3), (flagged.Address, flagged.Events));
        Assert.Equal(["R-1", "R-2", "R-3"], flagged.Behind.Select(e => e.SourceReference));
    }

    [Fact]
    public async Task APartnerSystem_SendsOnlyItsOwnAgencysDemand()
    {
        var police = await app.CreateUserAsync(Roles.PartnerSystem, AgencyKind.Police);
        var other = await app.CreateUserAsync(Roles.PartnerSystem, AgencyKind.Police);
        var batch = new SendDemandBatch(police.AgencyId!.Value.Value, null,
            [new DemandBatchEvent("B-1", "police-call-out", "2026-05-01T10:00:00Z", "100011781234", null, null, "value", null, null, null, null, null, null),
             new DemandBatchEvent("B-2", "police-call-out", "tomorrow", null, null, null, "value", null, null, null, null, null, null)]);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(batch, other));
        var id = await app.SendAsync(batch, police);
        await RunAsync(id);
        var report = await app.SendAsync(new GetDemandImport(id), police);

        Assert.Equal((2, 1, 1), (report.TotalRows, report.Imported, report.Rejected));
        Assert.Equal((2L, "occurred_at 'tomorrow' is not a date and time (use 2026-03-14T21:05:00Z, 2026-03-14 21:05 or 14/03/2026 21:05, UK time unless an offset is given)"),
            (report.Problems.Single().Line, report.Problems.Single().Reason));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetDemandImport(id), other));
    }

    private async Task<(TestCurrentUser Lead, AgencyId Police)> LeadAndPoliceAsync()
    {
        var lead = await app.CreateUserAsync(Roles.TeamLead);
        var police = await app.CreateUserAsync(Roles.PartnerViewer, AgencyKind.Police);
        return (lead, police.AgencyId!.Value);
    }

    private async Task<DemandImportDto> ImportAsync(TestCurrentUser lead, AgencyId agency, byte[] file)
    {
        var id = await app.SendAsync(new UploadDemandFile(agency.Value, null, "police.csv", file), lead);
        await RunAsync(id);
        return await app.SendAsync(new GetDemandImport(id), lead);
    }

    private async Task RunAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemandImportJob>().RunAsync(id, CancellationToken.None);
    }

    private Task<List<DemandEvent>> EventsOfAsync(AgencyId agency) =>
        app.WithDbAsync(db => db.DemandEvents.AsNoTracking().Where(e => e.AgencyId == agency).ToListAsync());

    private static string NewNhsNumber()
    {
        while (true)
        {
            var digits = string.Concat(Enumerable.Range(0, 9).Select(_ => Random.Shared.Next(10)));
            if (NhsNumber.CheckDigit(digits) is { } check)
            {
                return digits + check;
            }
        }
    }
}
