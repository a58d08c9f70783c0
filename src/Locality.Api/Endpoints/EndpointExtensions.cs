using Locality.Infrastructure.Web;

namespace Locality.Api.Endpoints;

internal static class EndpointExtensions
{
    /// <summary>
    /// Says which application request the endpoint sends: its access rule (from the request's declaration), and the
    /// failures every Locality endpoint can answer with.
    /// </summary>
    public static RouteHandlerBuilder Sends<TRequest>(this RouteHandlerBuilder builder) =>
        builder
            .WithMetadata(new SendsAttribute(typeof(TRequest)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
