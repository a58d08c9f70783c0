namespace Locality.Application.Access;

/// <summary>What a list shows of each person it names, as their access log records it.</summary>
internal static class ListedDetails
{
    public const string NameBirthDateAndPostcode = "Name, date of birth, postcode";
    public const string NameBirthDateAndLastContact = "Name, date of birth, last contact";
    public const string NameAndDay = "Name, conversation state, plan steps and ratings due";
    public const string NameAndTimesPassedOn = "Name, times passed on";
    public const string NameAndRatings = "Name, Chaos Index ratings";
}
