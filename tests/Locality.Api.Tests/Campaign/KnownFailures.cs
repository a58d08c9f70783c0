namespace Locality.Api.Tests.Campaign;

/// <summary>
/// TEMPORARY. Failures the campaign finds that the lead engineer is fixing on main (issue 11); each entry names what
/// it covers. Remove an entry when its fix is merged, and this file when it is empty.
/// </summary>
internal static class KnownFailures
{
    private static readonly (string Name, Func<CampaignFailure, bool> Covers)[] Entries = [];

    public static bool Covers(CampaignFailure failure) => Which(failure) is not null;

    public static string? Which(CampaignFailure failure) => Entries.FirstOrDefault(e => e.Covers(failure)).Name;
}
