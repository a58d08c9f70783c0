using Locality.Domain.People;

namespace Locality.Application.People;

/// <summary>Finding people by what a worker knows of them. Fuzzy name matching needs PostgreSQL's pg_trgm, so it lives in Infrastructure.</summary>
public interface IPersonSearch
{
    Task<IReadOnlyList<PersonSummaryDto>> FindAsync(PersonSearchCriteria criteria, int limit, CancellationToken cancellationToken);

    /// <summary>Records that may be the same person: the same NHS number, or a similar name with the same date of birth or postcode.</summary>
    Task<IReadOnlyList<LikelyMatchDto>> FindLikelyMatchesAsync(
        string givenName, string familyName, string? preferredName, DateOnly? dateOfBirth, Postcode? postcode, NhsNumber? nhsNumber,
        PersonId? except, CancellationToken cancellationToken);
}

public sealed record PersonSearchCriteria(string? Name, NhsNumber? NhsNumber, DateOnly? DateOfBirth, Postcode? Postcode)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && NhsNumber is null && DateOfBirth is null && Postcode is null;
}
