namespace Locality.Application.Common.Idempotency;

/// <summary>
/// Queries read and are named for it (<c>Get…</c>, <c>Find…</c>, <c>List…</c>, <c>Search…</c>); every other request is a
/// command, which runs in one transaction and may be sent with an idempotency key.
/// </summary>
public static class RequestKinds
{
    private static readonly string[] QueryVerbs = ["Get", "Find", "List", "Search"];

    public static bool IsQuery(Type requestType) =>
        QueryVerbs.Any(verb => requestType.Name.StartsWith(verb, StringComparison.Ordinal)
                               && requestType.Name.Length > verb.Length && char.IsUpper(requestType.Name[verb.Length]));
}
