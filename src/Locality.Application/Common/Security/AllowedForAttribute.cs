namespace Locality.Application.Common.Security;

/// <summary>
/// Declares which roles may send a request. Every request carries exactly one declaration:
/// either this or <see cref="AllowedForAnySignedInAttribute"/>. The pipeline refuses requests without one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowedForAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in person or partner system may send the request (it reads only their own details).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowedForAnySignedInAttribute : Attribute;
