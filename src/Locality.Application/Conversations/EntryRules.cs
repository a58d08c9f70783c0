using FluentValidation;
using Locality.Application.Common.Time;
using Locality.Domain.Conversations;

namespace Locality.Application.Conversations;

internal static class EntryRules
{
    /// <summary>When something happened: today or earlier (back-dating is fine), never in the future (not even later today), and not absurdly long ago.</summary>
    public static void OccurredInThePast<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, DateTimeOffset?>> occurredAt, TimeProvider clock)
    {
        var read = occurredAt.Compile();
        validator.RuleFor(occurredAt)
            .Must(at => UkCalendar.DateOf(at!.Value) <= clock.Now().Today).WithMessage("The date must be today or in the past")
            .Must(at => UkCalendar.DateOf(at!.Value) != clock.Now().Today || at <= clock.GetUtcNow().AddMinutes(1)).WithMessage("The time must be now or earlier")
            .Must(at => UkCalendar.DateOf(at!.Value) >= clock.Now().Today.AddYears(-RecordedDates.FurthestBackYears)).WithMessage($"The date must be within the last {RecordedDates.FurthestBackYears} years")
            .When(x => read(x) is not null);
    }

    public static IRuleBuilderOptions<T, string?> EntryText<T>(this IRuleBuilder<T, string?> rule, string label, bool required) =>
        required
            ? Common.Validation.RuleExtensions.RequiredText(rule, label, TimelineEntry.TextMaxLength)
            : Common.Validation.RuleExtensions.OptionalText(rule, label, TimelineEntry.TextMaxLength);
}
