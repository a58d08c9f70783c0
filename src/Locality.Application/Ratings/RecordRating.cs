using FluentValidation;
using FluentValidation.Results;
using Locality.Application.Access;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Ratings;

/// <summary>
/// The step chosen for one domain (counted from 0, lowest score first) and a short note of why. A score is never
/// taken: if one is sent instead of a step, the answer says so, naming the domain.
/// Step and score are taken as any number, so that a step like 3.5 is refused by the validator, naming its domain,
/// rather than by the JSON reader, naming only its place in the list.
/// </summary>
public sealed record RatingChoice(string Domain, decimal? Step, string? Evidence, decimal? Score = null);

/// <summary>
/// Rates a person with an instrument's current version (or the version named, which must not be retired): a step
/// for every domain, the date of the rating (today or earlier) and whether they took part. The total is worked out
/// from the instrument; the rating and a line on the timeline are added together.
/// </summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.ChaosIndexRatings)]
public sealed record RecordRating(
    Guid PersonId, Guid InstrumentId, DateOnly? RatedOn, bool? PersonTookPart, IReadOnlyList<RatingChoice>? Choices, Guid? InstrumentVersionId = null)
    : IRequest<PersonRatingsDto>, IChangesPerson;

internal sealed class RecordRatingValidator : AbstractValidator<RecordRating>
{
    public RecordRatingValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.RatedOn)
            .NotNull().WithMessage("Enter the date of the rating")
            .Must(d => d <= clock.Now().Today).WithMessage("The date of the rating must be today or in the past")
            .Must(d => d >= clock.Now().Today.AddYears(-RecordedDates.FurthestBackYears)).WithMessage($"The date of the rating must be within the last {RecordedDates.FurthestBackYears} years");
        RuleFor(x => x.PersonTookPart).NotNull().WithMessage("Say whether they took part in the rating");
        RuleFor(x => x.Choices).AtMostLongestList("domains");
        RuleForEach(x => x.Choices).NotNull().WithMessage("Each choice needs a domain and a step");
        RuleFor(x => x).CustomAsync(async (request, context, cancellationToken) =>
        {
            var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == new InstrumentId(request.InstrumentId), cancellationToken);
            if (instrument is null)
            {
                context.AddFailure(new ValidationFailure(nameof(RecordRating.InstrumentId), "Choose an instrument from the list"));
                return;
            }

            var version = request.InstrumentVersionId is { } asked
                ? instrument.Versions.SingleOrDefault(v => v.Id == new InstrumentVersionId(asked))
                : instrument.Current;
            if (version is null || version.RetiredAt is not null || instrument.RetiredAt is not null)
            {
                var field = request.InstrumentVersionId is null ? nameof(RecordRating.InstrumentId) : nameof(RecordRating.InstrumentVersionId);
                context.AddFailure(new ValidationFailure(field, instrument.Current is { } current && request.InstrumentVersionId is not null
                    ? $"That version of {instrument.Name} is retired: rate with version {current.Number}"
                    : $"{instrument.Name} is retired: choose another instrument"));
                return;
            }

            foreach (var (field, message) in ChoiceProblems(version.Definition, request.Choices ?? []))
            {
                context.AddFailure(new ValidationFailure(field, message));
            }
        });
    }

    /// <summary>Every domain needs exactly one step that exists; each problem is named against its domain.</summary>
    public static IEnumerable<(string Field, string Message)> ChoiceProblems(InstrumentDefinition definition, IReadOnlyList<RatingChoice> choices)
    {
        foreach (var choice in choices.Where(c => c is not null && !definition.Domains.Any(d => string.Equals(d.Key, c.Domain, StringComparison.OrdinalIgnoreCase))))
        {
            // A domain that could be a key is named back; anything else (none, or pages of text) is not repeated.
            yield return string.IsNullOrWhiteSpace(choice.Domain) || choice.Domain.Length > InstrumentDefinition.KeyMaxLength
                ? ("Choices", $"Each choice needs the key of one of the domains of {definition.Name}")
                : ($"Choices.{choice.Domain}", $"{choice.Domain} is not a domain of {definition.Name}");
        }

        foreach (var domain in definition.Domains)
        {
            var field = $"Choices.{domain.Key}";
            var chosen = choices.Where(c => c is not null && string.Equals(c.Domain, domain.Key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (chosen.Count == 0)
            {
                yield return (field, $"Choose a step for {domain.Name}");
                continue;
            }

            if (chosen.Count > 1)
            {
                yield return (field, $"Choose one step for {domain.Name}, not {chosen.Count}");
                continue;
            }

            var choice = chosen[0];
            if (choice.Score is not null)
            {
                yield return (field, $"Send the step chosen for {domain.Name}, not a score: the total is worked out from the steps");
            }
            else if (choice.Step is not { } step || step != decimal.Truncate(step) || step < 0 || step >= domain.Steps.Count)
            {
                yield return (field, $"Choose a step for {domain.Name} from 0 to {domain.Steps.Count - 1}");
            }

            if (choice.Evidence?.Trim().Length > Rating.EvidenceMaxLength)
            {
                yield return ($"Evidence.{domain.Key}", $"The note for {domain.Name} must be {Rating.EvidenceMaxLength} characters or fewer");
            }
        }
    }
}

internal sealed class RecordRatingHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock, IOptions<RatingOptions> options)
    : IRequestHandler<RecordRating, PersonRatingsDto>
{
    public async Task<PersonRatingsDto> Handle(RecordRating request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var instrument = await db.Instruments.AsNoTracking().SingleOrDefaultAsync(i => i.Id == new InstrumentId(request.InstrumentId), cancellationToken)
                         ?? throw new NotFoundException("Instrument");
        var version = request.InstrumentVersionId is { } asked
            ? instrument.Versions.Single(v => v.Id == new InstrumentVersionId(asked))
            : instrument.Current ?? throw new NotFoundException("Instrument");
        var rating = Rating.Record(
            conversation.PersonId, version, request.RatedOn!.Value, request.PersonTookPart!.Value,
            (request.Choices ?? []).Select(c => new DomainChoice(c.Domain, (int)c.Step!.Value, c.Evidence)).ToList(), user.AsAuthor(), moment);

        var first = await db.Ratings.AsNoTracking()
            .Where(r => r.PersonId == conversation.PersonId && r.InstrumentId == instrument.Id)
            .OrderBy(r => r.RatedOn).ThenBy(r => r.RecordedAt).Select(r => (int?)r.Total).FirstOrDefaultAsync(cancellationToken);
        var highest = version.Definition.HighestTotal;
        var summary = first is { } baseline
            ? $"{instrument.Name}: {rating.Total} of {highest} ({RatingChange.Describe(rating.Total - baseline)} since the first rating, {baseline})"
            : $"{instrument.Name}: {rating.Total} of {highest}, the first rating";
        var ratedAt = rating.RatedOn == moment.Today ? moment.Now : UkCalendar.InstantOf(rating.RatedOn, new TimeOnly(12, 0));
        db.Ratings.Add(rating);
        db.TimelineEntries.Add(conversation.RecordRated(summary + (request.PersonTookPart == true ? "" : "; they did not take part"), ratedAt, user.AsAuthor(), moment.Now));
        db.RatingsDue.RemoveRange(await db.RatingsDue.Where(d => d.PersonId == conversation.PersonId && d.InstrumentId == instrument.Id).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return await RatingQueries.ForPersonAsync(db, conversation.PersonId, options.Value.StableWithinPoints, cancellationToken);
    }
}
