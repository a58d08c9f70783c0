using Locality.Application.Demand.Imports;
using System.Security.Cryptography.X509Certificates;
using Hangfire;
using Locality.Application.Common.Interfaces;
using Locality.Application.Access;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Infrastructure.Access;
using Locality.Infrastructure.Identity;
using Locality.Infrastructure.Jobs;
using Locality.Infrastructure.People;
using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Persistence.Interceptors;
using Locality.Infrastructure.Security;
using Locality.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Locality.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "Locality";

    /// <summary>
    /// The database, identity, data protection, health checks and background jobs both hosts share.
    /// Nothing here keeps state in process memory that another instance would need.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, JobServer jobServer)
    {
        var connectionString = DatabaseConnection.Resolve(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserScope>();
        services.AddScoped<ClaimsCurrentUser>();
        services.AddScoped<ICurrentUser>(provider =>
            provider.GetRequiredService<CurrentUserScope>().Override ?? provider.GetRequiredService<ClaimsCurrentUser>());
        services.AddTransient<ConversationStateJob>();
        services.AddTransient<RatingsDueJob>();
        services.AddTransient<DemandImportJob>();
        services.Configure<DemandImportOptions>(configuration.GetSection(DemandImportOptions.Section));
        services.AddScoped<IDemandImportQueue, HangfireDemandImportQueue>();
        services.AddScoped<Application.Demand.IDemandTotals, Demand.DemandTotals>();
        services.AddScoped<AuditingInterceptor>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddSingleton<ITransientFailures, TransientDatabaseFailures>();
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IIdempotencyStore>(provider => provider.GetRequiredService<IdempotencyStore>());
        services.AddScoped<IIdempotencyKeySource, Web.HttpIdempotencyKeySource>();
        services.AddTransient<HousekeepingJob>();
        services.AddTransient<StrandedImportsJob>();
        services.AddScoped<Web.RateLimitCounter>();
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddDbContext<LocalityDbContext>((provider, options) =>
        {
            DatabaseConnection.Configure(options, connectionString);
            options.AddInterceptors(provider.GetRequiredService<AuditingInterceptor>());
        });
        services.AddLocalityIdentityStoreOptions();
        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<LocalityDbContext>());
        services.AddScoped<IIdentityService, IdentityService>();
        services.AddSingleton<Application.Organisations.IdentityProviders.IProviderSecrets, ConfiguredProviderSecrets>();
        services.Configure<Application.Organisations.IdentityProviders.IdentityProviderOptions>(configuration.GetSection(Application.Organisations.IdentityProviders.IdentityProviderOptions.Section));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<IPersonSearch, PersonSearch>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.Configure<AccessOptions>(configuration.GetSection(AccessOptions.Section));
        services.Configure<Application.Common.Security.StepUpOptions>(configuration.GetSection(Application.Common.Security.StepUpOptions.Section));
        services.Configure<SignInLimits>(configuration.GetSection(SignInLimits.Section));
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<SignInSessions>();
        services.AddScoped<SecondFactors>();
        services.AddScoped<HomeRealm>();
        services.Configure<ConversationOptions>(configuration.GetSection(ConversationOptions.Section));
        services.Configure<Locality.Application.Ratings.RatingOptions>(configuration.GetSection(Locality.Application.Ratings.RatingOptions.Section));
        services.Configure<Locality.Application.Demand.RepeatDemandOptions>(configuration.GetSection(Locality.Application.Demand.RepeatDemandOptions.Section));

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Locality")
            .PersistKeysToDbContext<LocalityDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificate, configuration["DataProtection:CertificatePassword"]));
        }

        services.AddHealthChecks()
            .AddDbContextCheck<LocalityDbContext>("database", HealthStatus.Unhealthy, ["ready"])
            .AddCheck<MigrationsAppliedHealthCheck>("migrations", HealthStatus.Unhealthy, ["ready"]);

        // Each host has its own storage instance in its container, never Hangfire's process-wide JobStorage.Current,
        // so two hosts in one process (as in the tests) cannot end up sharing each other's database.
        services.AddSingleton<JobStorage>(_ => HangfireSchema.Storage(connectionString, prepareSchema: false));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (jobServer == JobServer.Runs)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", 2);

                // On SIGTERM the worker takes no new job and tells the running ones to stop (their cancellation token):
                // an import cancels the chunk it is storing (its transaction rolls back) and is queued again, to carry
                // on after its last stored chunk on whichever worker takes it next. All within the host's shutdown time.
                options.StopTimeout = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:StopSeconds", 20));
                options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Hangfire:ShutdownSeconds", 25));
            });
        }

        return services;
    }

    /// <summary>The identity tables' shape, which the model reads from the services: version 3 has passkeys (WebAuthn credentials).</summary>
    internal static IServiceCollection AddLocalityIdentityStoreOptions(this IServiceCollection services) =>
        services.Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3);

    /// <summary>
    /// Sign-in and roles on PostgreSQL. Wrong passwords are counted by <see cref="PasswordSignIn"/> per account and
    /// client address, not by Identity's lock-out of the whole account (which anyone could use to lock a person out);
    /// Identity's lock-out end is what stops an account an administrator has stopped.
    /// </summary>
    public static IdentityBuilder AddLocalityIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                // Every way of signing in asks StaffConfirmation: the staff member is active and not waiting for approval.
                options.SignIn.RequireConfirmedAccount = true;
                // Wrong second-factor codes (the password was right) lock the account: five in a row, for 15 minutes.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<LocalityDbContext>()
            .AddSignInManager()
            .AddUserConfirmation<StaffConfirmation>()
            .AddClaimsPrincipalFactory<LocalityClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
}

/// <summary>Whether a host runs the background jobs (the worker) or only queues them (the web and API hosts).</summary>
public enum JobServer
{
    QueuesOnly,
    Runs,
}
