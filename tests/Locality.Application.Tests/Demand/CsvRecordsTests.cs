using System.Text;
using Locality.Application.Demand.Imports;

namespace Locality.Application.Tests.Demand;

public sealed class CsvRecordsTests
{
    public static TheoryData<string> Files() => new()
    {
        "a,b\nc,d\n",
        "a,b\r\nc,d",
        "a,b\rc,d\r",
        "\n\r\n a,b\n\n\nc\n\n",
        "\uFEFFa,b\nc,d\n",
        "a,\"line one\nline two\",b\r\nc,\"x\r\ny\"\n",
        "a,\"say \"\"hi\"\"\",b\nc\n",
        "a,b\"c\"\n\"\"\"\",d\n",
        "a,\"\"\n\"\",\"\"\"\"\n,\n",
        "a,\"never closed\nb,c\n",
        "\"a\"b,\"c\n",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Count_IsTheNumberOfRecordsReadGives(string file)
    {
        var bytes = Encoding.UTF8.GetBytes(file);

        using var counting = CsvRecords.Open(bytes);
        using var reading = CsvRecords.Open(bytes);

        Assert.Equal(CsvRecords.Read(reading).LongCount(), CsvRecords.Count(counting));
    }

    [Fact]
    public void Count_OfTheExamplePoliceFile_IsItsHeaderAndSeventeenRows()
    {
        using var reader = CsvRecords.Open(DemandImportTests.ExampleFile());

        Assert.Equal(18, CsvRecords.Count(reader));
    }
}
