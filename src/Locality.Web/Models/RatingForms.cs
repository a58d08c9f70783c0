using System.ComponentModel.DataAnnotations;
using Locality.Application.People;
using Locality.Application.Ratings;
using MediatR;

namespace Locality.Web.Models;

/// <summary>Rating a person with an instrument: a step and a short note for every domain, the date, and whether they took part.</summary>
public sealed class RatingForm : PersonPageForm
{
    public Guid InstrumentId { get; set; }

    [Display(Name = "The date of the rating")]
    public DateParts RatedOn { get; set; } = new();

    public bool? PersonTookPart { get; set; }

    public Dictionary<string, int?> Steps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string?> Evidence { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public InstrumentVersionDto? Instrument { get; private set; }

    public IReadOnlyList<InstrumentDto> Instruments { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Instruments = (await mediator.Send(new GetInstruments(), cancellationToken)).Where(i => i.Current is not null).ToList();
        var chosen = Instruments.FirstOrDefault(i => i.Id == InstrumentId) ?? Instruments.FirstOrDefault(i => i.Key == Domain.Ratings.Instrument.ChaosIndexKey) ?? Instruments.FirstOrDefault();
        InstrumentId = chosen?.Id ?? Guid.Empty;
        Instrument = chosen?.Current;
    }

    public override string FieldFor(string requestField) => requestField switch
    {
        _ when requestField.StartsWith("Choices.", StringComparison.Ordinal) => $"Steps[{requestField["Choices.".Length..]}]",
        _ when requestField.StartsWith("Evidence.", StringComparison.Ordinal) => $"Evidence[{requestField["Evidence.".Length..]}]",
        _ => requestField,
    };

    public IReadOnlyList<RatingChoice> Choices() =>
        Instrument is null ? [] : Instrument.Domains
            .Where(d => Steps.ContainsKey(d.Key) && Steps[d.Key] is not null)
            .Select(d => new RatingChoice(d.Key, Steps[d.Key], Evidence.GetValueOrDefault(d.Key)))
            .ToList();
}

public sealed record RatingsPageModel(PersonHeaderDto Person, PersonRatingsDto Ratings);
