using System.Collections;
using FluentValidation;

namespace Locality.Application.Common.Validation;

/// <summary>How many items a list in a request may hold: far more than any form needs, few enough to refuse abuse.</summary>
public static class ListLimits
{
    public const int LongestList = 1000;

    /// <summary>The last page any list can be asked for: a million rows at a hundred a page, and nowhere near overflowing.</summary>
    public const int LastPage = 10_000;

    public static IRuleBuilderOptions<T, int> PageNumber<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, LastPage).WithMessage($"Page must be a whole number from 1 to {LastPage:N0}");

    public static IRuleBuilderOptions<T, TList> AtMostLongestList<T, TList>(this IRuleBuilder<T, TList> rule, string label)
        where TList : IEnumerable? =>
        rule.Must(list => list is null || list.Cast<object?>().Take(LongestList + 1).Count() <= LongestList)
            .WithMessage($"Choose at most {LongestList} {label}");
}
