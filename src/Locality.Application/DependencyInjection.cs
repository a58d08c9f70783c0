using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Behaviours;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application;

public static class DependencyInjection
{
    /// <summary>
    /// The mediator, every handler and validator in this assembly, and the pipeline in its fixed order:
    /// logging, then the audit (written when the request ends), then unhandled exceptions, then authorization by role,
    /// then a recent second factor for a serious act, then access to the people the request names, then the unit of work (a command's transaction and its idempotency
    /// key), then validation, then the handler.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetRequiredServiceOrEmpty);
        services.AddScoped<IMediator, Mediator>();

        foreach (var (service, implementation) in HandlerTypes())
        {
            services.AddScoped(service, implementation);
        }

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(RecentSecondFactorBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PersonAccessBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped<Common.Security.RecentSecondFactor>();
        services.AddScoped<IPersonAccess, PersonAccess>();
        services.AddScoped<Common.Idempotency.IdempotencyKeys>();
        services.AddScoped<IPartnerSharing, PartnerSharing>();

        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        return services;
    }

    private static IEnumerable<(Type Service, Type Implementation)> HandlerTypes() =>
        from type in typeof(DependencyInjection).Assembly.GetTypes()
        where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && (service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
                                        || service.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
        select (service, type);

    private static object GetRequiredServiceOrEmpty(this IServiceProvider provider, Type type) =>
        provider.GetService(type) ?? throw new InvalidOperationException($"No handler is registered for {type.Name}.");
}
