namespace Locality.Web.Infrastructure;

/// <summary>
/// Marks a form action that still runs when binding found field errors (a date that is not real), so it can have the
/// application check the rest of the form too: it must send through <see cref="FormRequests.SendFormAsync"/>, which
/// sends nothing while the form has errors.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReportsEveryErrorAttribute : Attribute;
