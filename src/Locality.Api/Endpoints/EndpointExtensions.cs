namespace Locality.Api.Endpoints;

internal static class EndpointExtensions
{
    /// <summary>Documents the failures every Locality endpoint can answer with.</summary>
    public static RouteHandlerBuilder WithStandardProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
