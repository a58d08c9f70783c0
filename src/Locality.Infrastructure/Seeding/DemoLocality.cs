using Locality.Application.Common.Security;

namespace Locality.Infrastructure.Seeding;

/// <summary>The demo sign-ins, printed by the run script. For a demo on a laptop only: never a real deployment.</summary>
public static class DemoLocality
{
    public const string Password = "Locality-demo-2026";

    /// <summary>
    /// The demo account's authenticator key, the same on every machine (it is printed with the demo sign-ins): made
    /// from the email address, so it needs no storage of its own. For a demo only, like the password.
    /// </summary>
    public static string AuthenticatorSecret(string email) =>
        OtpNet.Base32Encoding.ToString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("Locality demo authenticator " + email.ToLowerInvariant()))[..20]);

    public static readonly IReadOnlyList<DemoSignIn> SignIns =
    [
        new("keyworker@demo.locality.test", Roles.KeyWorker, "Council key worker"),
        new("teamlead@demo.locality.test", Roles.TeamLead, "Council team lead"),
        new("police@demo.locality.test", Roles.PartnerViewer, "Police partner viewer"),
        new("admin@demo.locality.test", Roles.Admin, "Administrator"),
    ];
}

public sealed record DemoSignIn(string Email, string Role, string Description);
