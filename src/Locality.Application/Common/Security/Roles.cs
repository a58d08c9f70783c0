namespace Locality.Application.Common.Security;

public static class Roles
{
    public const string KeyWorker = "KeyWorker";
    public const string TeamLead = "TeamLead";

    /// <summary>Someone at a partner agency who sees only what is shared with their agency.</summary>
    public const string PartnerViewer = "PartnerViewer";

    public const string Admin = "Admin";

    /// <summary>A partner agency's system calling the API with that agency's key. Never held by a person.</summary>
    public const string PartnerSystem = "PartnerSystem";

    /// <summary>The service itself, running a scheduled job. Never held by a person or a partner.</summary>
    public const string System = "System";

    /// <summary>Roles a person can hold (an administrator assigns these).</summary>
    public static readonly IReadOnlyList<string> ForPeople = [KeyWorker, TeamLead, PartnerViewer, Admin];

    /// <summary>
    /// Roles whose holders can hold a record: lead it, join the team around a person, or open it by emergency access. A
    /// partner viewer sees a record only through their agency's sharing; an administrator never holds one.
    /// </summary>
    public static readonly IReadOnlyList<string> RecordHolders = [KeyWorker, TeamLead];

    public static bool HoldsRecords(IEnumerable<string> roles) => roles.Any(RecordHolders.Contains);

    public static string DisplayName(string role) => role switch
    {
        KeyWorker => "Key worker",
        TeamLead => "Team lead",
        PartnerViewer => "Partner agency viewer",
        Admin => "Administrator",
        PartnerSystem => "Partner system",
        _ => role,
    };
}
