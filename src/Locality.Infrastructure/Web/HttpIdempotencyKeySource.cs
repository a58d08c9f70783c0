using Locality.Application.Common.Idempotency;
using Locality.Application.Common.Interfaces;
using Microsoft.AspNetCore.Http;

namespace Locality.Infrastructure.Web;

/// <summary>
/// The key a caller sent: the API's <c>Idempotency-Key</c> header, or the hidden key every form of the web front end
/// carries. Read only for writes; there is none outside an HTTP request (a background job).
/// </summary>
internal sealed class HttpIdempotencyKeySource(IHttpContextAccessor accessor) : IIdempotencyKeySource
{
    public string? Key
    {
        get
        {
            if (accessor.HttpContext?.Request is not { } request || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            {
                return null;
            }

            if (request.Headers.TryGetValue(IdempotencyKeys.HeaderName, out var header))
            {
                return header.ToString();
            }

            return request.HasFormContentType && request.Form.TryGetValue(IdempotencyKeys.FormField, out var sent) && sent.ToString() is { Length: > 0 } key
                ? key
                : null;
        }
    }
}
