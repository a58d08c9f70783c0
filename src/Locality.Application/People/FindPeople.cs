using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.People;
using MediatR;

namespace Locality.Application.People;

/// <summary>Find people by name (fuzzy: typos and preferred names), NHS number, date of birth or postcode, in any combination.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
public sealed record FindPeople(string? Name = null, string? NhsNumber = null, DateOnly? DateOfBirth = null, string? Postcode = null)
    : IRequest<IReadOnlyList<PersonSummaryDto>>;

internal sealed class FindPeopleValidator : AbstractValidator<FindPeople>
{
    public FindPeopleValidator()
    {
        RuleFor(x => x.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n))
            .WithMessage("Enter a name, an NHS number, a date of birth or a postcode")
            .When(x => string.IsNullOrWhiteSpace(x.NhsNumber) && x.DateOfBirth is null && string.IsNullOrWhiteSpace(x.Postcode));
        RuleFor(x => x.Name)
            .Must(n => n!.Trim().Length is >= 2 and <= 200).WithMessage("Enter at least 2 letters of the name, and no more than 200")
            .When(x => !string.IsNullOrWhiteSpace(x.Name));
        RuleFor(x => x.NhsNumber)
            .Must(n => NhsNumber.TryParse(n, out _)).WithMessage(PersonFieldRules.NotAnNhsNumber)
            .When(x => !string.IsNullOrWhiteSpace(x.NhsNumber));
        RuleFor(x => x.Postcode)
            .Must(p => Postcode.TryParse(p, out _)).WithMessage("Enter a full UK postcode, like WN1 1XX")
            .When(x => !string.IsNullOrWhiteSpace(x.Postcode));
    }
}

internal sealed class FindPeopleHandler(IPersonSearch search, IAuditTrail audit) : IRequestHandler<FindPeople, IReadOnlyList<PersonSummaryDto>>
{
    public const int Limit = 25;

    public async Task<IReadOnlyList<PersonSummaryDto>> Handle(FindPeople request, CancellationToken cancellationToken)
    {
        var criteria = new PersonSearchCriteria(
            string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            Domain.People.NhsNumber.TryParse(request.NhsNumber, out var nhs) ? nhs : null,
            request.DateOfBirth,
            Domain.People.Postcode.TryParse(request.Postcode, out var postcode) ? postcode : null);
        var found = await search.FindAsync(criteria, Limit, cancellationToken);
        audit.Listed(found.Select(p => new PersonId(p.Id)), nameof(FindPeople), Access.ListedDetails.NameBirthDateAndPostcode);
        return found;
    }
}
