using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Access;
using MediatR;
using Microsoft.Extensions.Options;

namespace Locality.Application.Ratings;

/// <summary>A person's ratings with each instrument, oldest first, the change since the first, and when the next is due.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.ChaosIndexRatings)]
public sealed record GetPersonRatings(Guid PersonId) : IRequest<PersonRatingsDto>, IReadsPerson;

internal sealed class GetPersonRatingsHandler(IApplicationDbContext db, IOptions<RatingOptions> options) : IRequestHandler<GetPersonRatings, PersonRatingsDto>
{
    public async Task<PersonRatingsDto> Handle(GetPersonRatings request, CancellationToken cancellationToken) =>
        await RatingQueries.ForPersonAsync(db, await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken), options.Value.StableWithinPoints, cancellationToken);
}
