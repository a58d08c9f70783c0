using Locality.Application.Demand.Imports;
using Locality.Domain.Demand;

namespace Locality.Application.Tests.Demand;

public sealed class DemandRowReaderTests
{
    private static readonly DemandRules Rules = new(
        new Dictionary<string, bool> { ["police-call-out"] = false, ["gp-appointment"] = true },
        new HashSet<string> { "REPEAT_CALLOUT" },
        new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public static TheoryData<string, string> Times() => new()
    {
        // UK time in summer (BST, UTC+1) and in winter (GMT), whatever the server's own time zone.
        { "2026-07-01 21:05", "2026-07-01T20:05:00.0000000+00:00" },
        { "2026-07-01T21:05:30", "2026-07-01T20:05:30.0000000+00:00" },
        { "2026-07-01T21:05:30.25", "2026-07-01T20:05:30.2500000+00:00" },
        { "2026-01-14 21:05", "2026-01-14T21:05:00.0000000+00:00" },
        { "14/01/2026 21:05", "2026-01-14T21:05:00.0000000+00:00" },
        { "14/01/2026", "2026-01-14T00:00:00.0000000+00:00" },
        { "2026-07-01", "2026-06-30T23:00:00.0000000+00:00" },

        // An offset or Z says exactly when.
        { "2026-03-14T21:05Z", "2026-03-14T21:05:00.0000000+00:00" },
        { "2026-03-14T21:05:00Z", "2026-03-14T21:05:00.0000000+00:00" },
        { "2026-03-14T21:05:00.5+02:00", "2026-03-14T19:05:00.5000000+00:00" },
        { "2026-03-14 21:05-05:00", "2026-03-15T02:05:00.0000000+00:00" },
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void OccurredAt_IsReadInUkTimeUnlessAnOffsetIsGiven(string written, string utc)
    {
        var row = Read($"R-1,police-call-out,{written},,,,value,,,,,,", out var problem);

        Assert.Null(problem);
        Assert.Equal(utc, row!.OccurredAt.ToUniversalTime().ToString("O"));
    }

    [Theory]
    [InlineData("2026-02-30 10:00", "occurred_at '2026-02-30 10:00' is not a date and time")]
    [InlineData("yesterday", "occurred_at 'yesterday' is not a date and time")]
    [InlineData("2026-11-24 10:00", "occurred_at 2026-11-24 10:00 is in the future")]
    [InlineData("2016-11-22 10:00", "occurred_at 2016-11-22 10:00 is more than 10 years ago")]
    [InlineData("2026-03-14T21:05+25:00", "occurred_at '2026-03-14T21:05+25:00' is not a date and time")]
    public void ABadTime_RejectsTheRow_SayingWhy(string written, string reason)
    {
        Assert.Null(Read($"R-1,police-call-out,{written},,,,value,,,,,,", out var problem));
        Assert.StartsWith(reason, problem);
    }

    [Fact]
    public void EveryProblemInARow_IsSaidTogether()
    {
        Assert.Null(Read("R-1,gp-appointment,2026-05-01,12AB,ZZ,,failure,,9,1234567890,,,1990-13-01", out var problem));
        Assert.Equal(
            "uprn '12AB' is not a UPRN (up to 12 digits, no letters); postcode 'ZZ' cannot be a UK postcode; " +
            "failure_type is empty: failure demand needs its kind (such as REPEAT_CALLOUT); attendance_code '9' is not an attendance code (0 to 7); " +
            "nhs_number is not a valid NHS number (10 digits with a check digit); date_of_birth '1990-13-01' is not a date in the past (use 1984-03-14 or 14/03/1984)",
            problem);
    }

    [Fact]
    public void AGoodAppointment_KeepsItsAttendanceCode_AndAddressKey()
    {
        var row = Read("R-9,GP-Appointment,2026-05-01 09:30,010002333695,,,Failure,repeat_callout,3,,,,", out var problem);

        Assert.Null(problem);
        Assert.Equal(("gp-appointment", 3, DemandClass.Failure, "REPEAT_CALLOUT", "uprn:10002333695"), (row!.TypeCode, row.AttendanceCode, row.Classification, row.FailureTypeCode, row.AddressKey));
    }

    private static IncomingDemand? Read(string line, out string? problem)
    {
        var record = new CsvRecord(2, CsvRecords.Read(new StringReader(line)).Single().Values, null);
        return DemandRowReader.Read(DemandHeader.Standard, record, Rules, out problem);
    }
}
