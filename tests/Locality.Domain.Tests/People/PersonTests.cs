using Locality.Domain.Common;
using Locality.Domain.People;

namespace Locality.Domain.Tests.People;

public sealed class PersonTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static PersonDetails Details(DateOnly? dob = null, int? age = null) => new(
        "Robert", "Smith", "Bob", dob, age, null, "1 Church Street", null, "Wigan", Postcode.Parse("WN1 1XX"), null,
        null, null, null, "Two dogs: ring before visiting", "Getting back to the allotment");

    [Fact]
    public void APerson_IsKnownByTheirPreferredName()
    {
        var person = new Person(PersonId.New(), Details(new DateOnly(1980, 3, 1)), Today);

        Assert.Equal("Bob Smith", person.KnownAs);
        Assert.Equal(46, person.AgeOn(Today));
    }

    [Fact]
    public void AgeOn_TheDayBeforeTheirBirthday_IsStillTheYoungerAge()
    {
        var person = new Person(PersonId.New(), Details(new DateOnly(1980, 11, 23)), Today);

        Assert.Equal(45, person.AgeOn(Today));
        Assert.Equal(46, person.AgeOn(Today.AddDays(1)));
    }

    [Fact]
    public void AnApproximateAge_IsAgedOnFromWhenItWasGiven()
    {
        var person = new Person(PersonId.New(), Details(age: 34), Today);

        Assert.Equal(34, person.AgeOn(Today));
        Assert.Equal(36, person.AgeOn(Today.AddYears(2).AddDays(1)));
    }

    [Theory]
    [InlineData(2026, 11, 23)] // tomorrow
    [InlineData(1906, 11, 21)] // more than 120 years ago
    public void ADateOfBirthInTheFutureOrOver120YearsAgo_IsRefused(int year, int month, int day)
    {
        Assert.Throws<BusinessRuleException>(() => new Person(PersonId.New(), Details(new DateOnly(year, month, day)), Today));
    }

    [Fact]
    public void ARecord_CannotBeMergedIntoItself_OrMergedTwice()
    {
        var person = new Person(PersonId.New(), Details(), Today);

        Assert.Throws<BusinessRuleException>(() => person.MergeInto(person.Id));
        person.MergeInto(PersonId.New());
        Assert.Throws<BusinessRuleException>(() => person.MergeInto(PersonId.New()));
    }
}
