using System.Reflection;
using Locality.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;

namespace Locality.Infrastructure.Web;

/// <summary>
/// Marks an API endpoint or a web action with the application request it sends, and takes its access rule from that
/// request's <see cref="AllowedForAttribute"/>: one rule, written once, enforced at the door (here) and again in the
/// pipeline. The authorization matrix test refuses any endpoint or action that has neither this, an explicit
/// <see cref="AuthorizeAttribute"/>, nor <see cref="AllowAnonymousAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class SendsAttribute : Attribute, IAuthorizeData
{
    public SendsAttribute(Type request)
    {
        Request = request;
        var allowed = request.GetCustomAttribute<AllowedForAttribute>();
        if (allowed is null && request.GetCustomAttribute<AllowedForAnySignedInAttribute>() is null)
        {
            throw new InvalidOperationException($"{request.Name} does not say who may send it.");
        }

        AllowedRoles = allowed?.Roles ?? [];
        Roles = allowed is null ? null : string.Join(',', allowed.Roles);
    }

    public Type Request { get; }

    /// <summary>The roles that may send the request; empty when anyone signed in may.</summary>
    public IReadOnlyList<string> AllowedRoles { get; }

    public string? Policy { get; set; }

    public string? Roles { get; set; }

    public string? AuthenticationSchemes { get; set; }
}
