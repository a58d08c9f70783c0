using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Validators;
using Locality.Infrastructure.Web;
using Microsoft.AspNetCore.Http.Metadata;

namespace Locality.Api.Infrastructure;

/// <summary>
/// The length limits the application's validators put on a request's fields, read from the validators themselves
/// (every length rule, <c>RequiredText</c> and <c>OptionalText</c> included), so the OpenAPI document states the
/// limit a field is refused beyond instead of the general one. A body record is matched to the requests the
/// endpoints that take it send, field by field by name.
/// </summary>
internal sealed class ValidatorLimits(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, int>> byRequest = new();
    private IReadOnlyDictionary<Type, Type[]>? requestsByBody;

    /// <summary>The longest the field may be, if a validator of <paramref name="request"/> says.</summary>
    public int? LongestFor(Type request, string member) =>
        ForRequest(request).TryGetValue(member, out var max) ? max : null;

    /// <summary>For a field of a body record: the strictest limit among the requests the body is sent as.</summary>
    public int? LongestForBodyMember(Type body, string member)
    {
        var requests = RequestsByBody().GetValueOrDefault(body) ?? [];
        var limits = requests.Select(r => LongestFor(r, member)).OfType<int>().ToList();
        return limits.Count > 0 ? limits.Min() : null;
    }

    private IReadOnlyDictionary<string, int> ForRequest(Type request) => byRequest.GetOrAdd(request, type =>
    {
        using var scope = services.CreateScope();
        var validators = scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(type)).OfType<IValidator>();
        var limits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in type.GetProperties().Select(p => p.Name))
        {
            var maxima = validators
                .SelectMany(v => v.CreateDescriptor().GetValidatorsForMember(member))
                .Select(rule => rule.Validator).OfType<ILengthValidator>()
                .Where(length => length.Max > 0)
                .Select(length => length.Max)
                .ToList();
            if (maxima.Count > 0)
            {
                limits[member] = maxima.Min();
            }
        }

        return limits;
    });

    private IReadOnlyDictionary<Type, Type[]> RequestsByBody() => requestsByBody ??=
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Sends: e.Metadata.GetMetadata<SendsAttribute>(), Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>()))
            .Where(e => e.Sends is not null && e.Accepts?.RequestType is not null)
            .GroupBy(e => e.Accepts!.RequestType!)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Sends!.Request).Distinct().ToArray());
}
