using System.ComponentModel.DataAnnotations;
using Locality.Application.People;
using Locality.Web.Infrastructure;

namespace Locality.Web.Models;

public sealed class FindPeopleForm : IFormModel
{
    public string? Name { get; set; }

    public string? NhsNumber { get; set; }

    [Display(Name = "Date of birth")]
    public DateParts DateOfBirth { get; set; } = new();

    public string? Postcode { get; set; }

    public IReadOnlyList<PersonSummaryDto>? Results { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(NhsNumber) && DateOfBirth.IsEmpty && string.IsNullOrWhiteSpace(Postcode);
}
