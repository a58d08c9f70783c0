using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Locality.Infrastructure.Hosting;

/// <summary>
/// One-off commands a host runs instead of serving: <c>migrate</c> (the explicit migration step), <c>seed-demo</c>.
/// </summary>
public static class LocalityCommands
{
    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["seed-demo", ..] or ["second-factor-code", ..];

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Locality.Commands");
        switch (args[0])
        {
            case "migrate":
                await MigrateAsync(provider);
                logger.LogInformation("The database is up to date.");
                return 0;
            case "seed-demo":
                var environment = provider.GetRequiredService<IHostEnvironment>();
                if (environment.IsProduction() && !args.Contains("--force"))
                {
                    logger.LogError("Refusing to seed demo data in Production. Pass --force if this really is a demonstration system.");
                    return 2;
                }

                await provider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
                await DemoSeeder.EnsureAuthenticatorsAsync(provider);
                Console.WriteLine($"Demo sign-ins (the password for each is {DemoLocality.Password}; each has an authenticator app set up):");
                foreach (var signIn in DemoLocality.SignIns)
                {
                    Console.WriteLine($"  {signIn.Email,-32} {signIn.Description,-28} authenticator key {DemoLocality.AuthenticatorSecret(signIn.Email)}");
                }

                Console.WriteLine("  The code each account's authenticator app would show now: deploy/local/code.sh <email>");
                Console.WriteLine("  (or add the key to an authenticator app on your phone: it is the same code).");
                return 0;
            case "second-factor-code":
                return await PrintCodeAsync(args, provider);
            default:
                return 1;
        }
    }

    /// <summary>Prints the code an account's authenticator app shows now (for the demo, and for trying Locality out).</summary>
    private static async Task<int> PrintCodeAsync(string[] args, IServiceProvider provider)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Say whose code: second-factor-code <email>");
            return 2;
        }

        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(args[1]);
        var secret = user is null ? null : await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine($"{args[1]} has no authenticator app set up in this database.");
            return 1;
        }

        Console.WriteLine(SecondFactors.CodeNow(secret, provider.GetRequiredService<TimeProvider>().GetUtcNow()));
        return 0;
    }

    /// <summary>Applies every EF Core migration (refusing a database with migrations this build does not have), installs Hangfire's schema, grants the hosts' role what it needs (<see cref="DatabaseRoles"/>) and makes sure the roles and the reference data exist.</summary>
    public static async Task MigrateAsync(IServiceProvider provider)
    {
        var db = provider.GetRequiredService<LocalityDbContext>();
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            // Most likely a database made before the migrations were squashed into 20261201120000_Initial: applying
            // Initial over it would fail half way. Nothing was deployed then, so such a database is made again.
            throw new InvalidOperationException(
                $"The database has {unknown.Count} migration(s) this build does not know (the first is {unknown[0]}). " +
                "A database migrated before the migrations were squashed into one initial migration cannot be upgraded: " +
                "drop it and create it again, then run migrate (deploy/local/run.sh does this for its demo database).");
        }

        await db.Database.MigrateAsync();
        var configuration = provider.GetRequiredService<IConfiguration>();
        HangfireSchema.Install(DatabaseConnection.Resolve(configuration));
        await DatabaseRoles.GrantToHostsAsync(db, DatabaseRoles.HostsRole(configuration));
        await RoleSeeder.EnsureRolesAsync(provider.GetRequiredService<RoleManager<ApplicationRole>>());
        await ReferenceData.EnsureAsync(db, provider.GetRequiredService<TimeProvider>());
        EnsureDataProtectionKey(provider.GetRequiredService<IKeyManager>());
    }

    /// <summary>
    /// Makes the first data-protection key before any host starts. Hosts started together on an empty key ring would
    /// each make a key of their own and refuse each other's cookies and tokens until they next read the ring (up to a
    /// day); with one key made here they all start from the same ring. Later keys are made by the hosts two days before
    /// the current one ends, which every instance sees in time.
    /// </summary>
    private static void EnsureDataProtectionKey(IKeyManager keys)
    {
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now.AddDays(2)))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }
}
