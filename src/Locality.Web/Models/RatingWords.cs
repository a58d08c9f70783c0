using Locality.Application.Ratings;
using Locality.Domain.Ratings;

namespace Locality.Web.Models;

/// <summary>How ratings are put into words on screen.</summary>
public static class RatingWords
{
    public static string Change(int change) => RatingChange.Describe(change);

    public static string Trend(Trend trend, ScoreDirection direction) => trend switch
    {
        Application.Ratings.Trend.Improving => direction == ScoreDirection.HigherIsWorse ? "Improving: less chaos than at first" : "Improving",
        Application.Ratings.Trend.Stable => "About the same as at first",
        Application.Ratings.Trend.Worsening => direction == ScoreDirection.HigherIsWorse ? "Harder than at first: more chaos" : "Harder than at first",
        _ => "One rating so far: the trend shows after the next",
    };

    public static string TrendTag(Trend trend) => trend switch
    {
        Application.Ratings.Trend.Improving => "govuk-tag--green",
        Application.Ratings.Trend.Worsening => "govuk-tag--red",
        Application.Ratings.Trend.Stable => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string Direction(ScoreDirection direction) =>
        direction == ScoreDirection.HigherIsWorse ? "A higher total means more chaos." : "A higher total means things are going better.";
}
