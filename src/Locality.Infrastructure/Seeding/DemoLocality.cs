using Locality.Application.Common.Security;

namespace Locality.Infrastructure.Seeding;

/// <summary>The demo sign-ins, printed by the run script. For a demo on a laptop only: never a real deployment.</summary>
public static class DemoLocality
{
    public const string Password = "Locality-demo-2026";

    public static readonly IReadOnlyList<DemoSignIn> SignIns =
    [
        new("keyworker@demo.locality.test", Roles.KeyWorker, "Council key worker"),
        new("teamlead@demo.locality.test", Roles.TeamLead, "Council team lead"),
        new("police@demo.locality.test", Roles.PartnerViewer, "Police partner viewer"),
        new("admin@demo.locality.test", Roles.Admin, "Administrator"),
    ];
}

public sealed record DemoSignIn(string Email, string Role, string Description);
