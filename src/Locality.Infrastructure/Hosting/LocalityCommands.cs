using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Seeding;
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
    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["seed-demo", ..];

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
                Console.WriteLine($"Demo sign-ins (the password for each is {DemoLocality.Password}):");
                foreach (var signIn in DemoLocality.SignIns)
                {
                    Console.WriteLine($"  {signIn.Email,-32} {signIn.Description}");
                }

                return 0;
            default:
                return 1;
        }
    }

    /// <summary>Applies every EF Core migration, installs Hangfire's schema and makes sure the roles and the reference data exist.</summary>
    public static async Task MigrateAsync(IServiceProvider provider)
    {
        var db = provider.GetRequiredService<LocalityDbContext>();
        await db.Database.MigrateAsync();
        HangfireSchema.Install(DatabaseConnection.Resolve(provider.GetRequiredService<IConfiguration>()));
        await RoleSeeder.EnsureRolesAsync(provider.GetRequiredService<RoleManager<ApplicationRole>>());
        await ReferenceData.EnsureAsync(db, provider.GetRequiredService<TimeProvider>());
    }
}
