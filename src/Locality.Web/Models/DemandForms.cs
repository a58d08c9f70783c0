using System.ComponentModel.DataAnnotations;
using Locality.Application.Demand;
using Locality.Domain.Demand;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>Recording demand the person told you about: what, which agency, when, where, and value or failure.</summary>
public sealed class DemandForm : PersonPageForm
{
    public string? TypeCode { get; set; }

    public Guid? AgencyId { get; set; }

    [Display(Name = "The date it happened")]
    public DateParts OccurredOn { get; set; } = new();

    public string? Postcode { get; set; }

    public string? AddressLine1 { get; set; }

    public string? Uprn { get; set; }

    public DemandClass? Classification { get; set; }

    public string? FailureTypeCode { get; set; }

    public int? AttendanceCode { get; set; }

    public IReadOnlyList<SelectListItem> Types { get; private set; } = [];

    public IReadOnlyList<SelectListItem> FailureTypes { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        var catalogue = await mediator.Send(new GetDemandCatalogue(), cancellationToken);
        Types = catalogue.Types.Select(t => new SelectListItem(t.Name, t.Code)).ToList();
        FailureTypes = catalogue.FailureTypes.Select(t => new SelectListItem(t.Name, t.Code)).ToList();
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }

    public override string FieldFor(string requestField) => requestField == "OccurredAt" ? nameof(OccurredOn) : requestField;

    public static IReadOnlyList<SelectListItem> ClassChoices { get; } =
    [
        new("Value demand: the first time this need reached them", nameof(DemandClass.Value)),
        new("Failure demand: it came back because something was not done, or not done right", nameof(DemandClass.Failure)),
    ];

    public static IReadOnlyList<SelectListItem> AttendanceChoices { get; } =
    [
        new("Attended (5)", "5"),
        new("Arrived late but was seen (6)", "6"),
        new("Arrived too late to be seen (7): missed", "7"),
        new("Did not attend, no warning (3): missed", "3"),
        new("They cancelled (2)", "2"),
        new("The service cancelled or moved it (4)", "4"),
        new("Not happened yet (0)", "0"),
    ];
}

public sealed class ReclassifyForm : Infrastructure.IFormModel
{
    public Guid PersonId { get; set; }

    public Guid EventId { get; set; }

    public DemandClass? Classification { get; set; }

    public string? FailureTypeCode { get; set; }

    public string? Reason { get; set; }

    public uint Version { get; set; }

    public IReadOnlyList<SelectListItem> FailureTypes { get; private set; } = [];

    public DemandEventDto? Event { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        FailureTypes = (await mediator.Send(new GetDemandCatalogue(), cancellationToken)).FailureTypes.Select(t => new SelectListItem(t.Name, t.Code)).ToList();
        Event = (await mediator.Send(new GetPersonDemand(PersonId), cancellationToken)).FirstOrDefault(e => e.Id == EventId);
    }
}

public sealed record PersonDemandModel(Application.People.PersonHeaderDto Person, IReadOnlyList<DemandEventDto> Events, bool CanReclassify, IReadOnlyList<MatchOfferDto> Offers);
