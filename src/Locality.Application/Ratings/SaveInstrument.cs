using FluentValidation;
using FluentValidation.Results;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Ratings;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Ratings;

public sealed record InstrumentStepBody(string Label, string? Description, int Score);

public sealed record InstrumentDomainBody(string Key, string Name, IReadOnlyList<InstrumentStepBody>? Steps);

/// <summary>
/// Defines a new instrument (no id) or revises one. A version that ratings already use is never changed: revising
/// it makes a new version and retires the old. <c>Version</c> is the instrument's version as last read (409 if stale).
/// </summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record SaveInstrument(
    Guid? InstrumentId, string Name, string? Description, ScoreDirection Direction, int RerateEveryWeeks, IReadOnlyList<InstrumentDomainBody>? Domains, uint Version = 0)
    : IRequest<InstrumentDto>
{
    public InstrumentDefinition ToDefinition() => new(
        Name ?? string.Empty, Description, Direction, RerateEveryWeeks,
        (Domains ?? []).Select(d => d is null ? null! : new InstrumentDomain(
            d.Key ?? string.Empty, d.Name ?? string.Empty,
            (d.Steps ?? []).Select(s => s is null ? null! : new InstrumentStep(s.Label ?? string.Empty, s.Description ?? string.Empty, s.Score)).ToList())).ToList());
}

internal sealed class SaveInstrumentValidator : AbstractValidator<SaveInstrument>
{
    public SaveInstrumentValidator() =>
        RuleFor(x => x).Custom((request, context) =>
        {
            foreach (var (field, message) in request.ToDefinition().Problems())
            {
                context.AddFailure(new ValidationFailure(Capitalise(field), message));
            }
        });

    private static string Capitalise(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}

internal sealed class SaveInstrumentHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<SaveInstrument, InstrumentDto>
{
    public async Task<InstrumentDto> Handle(SaveInstrument request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Instrument instrument;
        if (request.InstrumentId is { } id)
        {
            instrument = await db.Instruments.SingleOrDefaultAsync(i => i.Id == new InstrumentId(id), cancellationToken)
                         ?? throw new NotFoundException("Instrument");
            db.ExpectVersion(instrument, request.Version);
            var latest = instrument.Versions.MaxBy(v => v.Number)!.Id;
            var used = await db.Ratings.AnyAsync(r => r.InstrumentVersionId == latest, cancellationToken);
            var before = instrument.Versions.Count;
            instrument.Revise(request.ToDefinition(), used, now);
            foreach (var added in instrument.Versions.Skip(before))
            {
                db.InstrumentVersions.Add(added);
            }
        }
        else
        {
            instrument = Instrument.Define(request.ToDefinition(), now);
            db.Instruments.Add(instrument);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await RatingQueries.InstrumentAsync(db, instrument.Id, cancellationToken);
    }
}
