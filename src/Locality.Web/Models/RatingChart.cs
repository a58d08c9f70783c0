using System.Globalization;
using System.Text;
using Locality.Application.Ratings;
using Microsoft.AspNetCore.Html;

namespace Locality.Web.Models;

/// <summary>
/// A person's totals with one instrument over time, drawn on the server as SVG: no script, nothing inline that the
/// content security policy refuses (presentation attributes only). It is an image with a title and a description
/// that say what it shows; the same figures are in the table beside it, for screen readers and for printing.
/// Across, it is laid out in percentages of its width and has no view box, so it fills any column without its text
/// shrinking: labels are set in the service's font at body-text size by the style sheet, and the dates between the
/// first and the last are left out on a phone, where they would not fit.
/// </summary>
public static class RatingChart
{
    private const int Height = 280;
    private const int Top = 16;
    private const int Bottom = 48;
    private const double Left = 14;
    private const double Right = 96;
    private const int MostDateLabels = 5;

    public static IHtmlContent Render(InstrumentTrendDto trend, string id)
    {
        var ratings = trend.Ratings;
        var low = trend.LowestTotal;
        var high = Math.Max(trend.HighestTotal, low + 1);
        var first = ratings[0].RatedOn.DayNumber;
        var span = Math.Max(1, ratings[^1].RatedOn.DayNumber - first);
        double X(DateOnly day) => ratings.Count == 1 ? (Left + Right) / 2 : Left + ((day.DayNumber - first) / (double)span * (Right - Left));
        double Y(int total) => Top + ((high - total) / (double)(high - low) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        var title = $"{trend.InstrumentName}: totals over time";
        var description = ratings.Count == 1
            ? $"One rating so far: {ratings[0].Total} on {DateWords.Date(ratings[0].RatedOn)}."
            : $"{ratings.Count} ratings, from {ratings[0].Total} on {DateWords.Date(ratings[0].RatedOn)} to {ratings[^1].Total} on {DateWords.Date(ratings[^1].RatedOn)}: {RatingWords.Change(ratings[^1].Total - ratings[0].Total)}. The lowest possible total is {low} and the highest {trend.HighestTotal}.";
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"locality-chart\" id=\"{id}\" width=\"100%\" height=\"{Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{ChartSvg.Encode(title)}</title><desc id=\"{id}-desc\">{ChartSvg.Encode(description)}</desc>");

        for (var i = 0; i <= 4; i++)
        {
            var value = low + ((high - low) * i / 4);
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{ChartSvg.Percent(Left)}\" x2=\"{ChartSvg.Percent(Right)}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#b1b4b6\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartSvg.Percent(Left - 2)}\" y=\"{y + 5:0.#}\" text-anchor=\"end\">{value}</text>");
        }

        for (var i = 1; i < ratings.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{ChartSvg.Percent(X(ratings[i - 1].RatedOn))}\" y1=\"{Y(ratings[i - 1].Total):0.#}\" x2=\"{ChartSvg.Percent(X(ratings[i].RatedOn))}\" y2=\"{Y(ratings[i].Total):0.#}\" stroke=\"#1d70b8\" stroke-width=\"3\"/>");
        }

        var labelEvery = Math.Max(1, (int)Math.Ceiling(ratings.Count / (double)MostDateLabels));
        for (var i = 0; i < ratings.Count; i++)
        {
            var rating = ratings[i];
            var (x, y) = (X(rating.RatedOn), Y(rating.Total));
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{ChartSvg.Percent(x)}\" cy=\"{y:0.#}\" r=\"5\" fill=\"#1d70b8\"><title>{rating.Total} on {ChartSvg.Encode(DateWords.Date(rating.RatedOn))}</title></circle>");
            var last = i == ratings.Count - 1;
            if ((i % labelEvery == 0 && (ratings.Count - 1 - i) >= labelEvery / 2.0) || last)
            {
                var anchor = ratings.Count == 1 ? "middle" : i == 0 ? "start" : last ? "end" : "middle";
                var minor = i == 0 || last ? string.Empty : $" class=\"{ChartSvg.MinorLabel}\"";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartSvg.Percent(x)}\" y=\"{Height - Bottom + 26}\" text-anchor=\"{anchor}\"{minor}>{ChartSvg.Encode(rating.RatedOn.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")))}</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>
    /// One domain's scores over time as a small line, for the table of areas. It says in words what it shows; the
    /// table cells beside it hold the same scores.
    /// </summary>
    public static IHtmlContent Sparkline(string domain, IReadOnlyList<int?> scores, int highest)
    {
        const int width = 120;
        const int height = 28;
        var known = scores.Select((score, i) => (score, i)).Where(p => p.score is not null).ToList();
        var label = $"{domain}: {string.Join(", then ", scores.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "not rated"))}, of {highest}";
        var svg = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"<svg class=\"locality-sparkline\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{ChartSvg.Encode(label)}\" xmlns=\"http://www.w3.org/2000/svg\">"));
        double X(int i) => scores.Count == 1 ? width / 2.0 : 4 + (i * (width - 8) / (double)(scores.Count - 1));
        double Y(int score) => 4 + ((highest - score) / (double)Math.Max(1, highest) * (height - 8));
        if (known.Count > 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', known.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.i):0.#},{Y(p.score!.Value):0.#}")))}\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"2\"/>");
        }

        foreach (var (score, i) in known)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(score!.Value):0.#}\" r=\"3\" fill=\"#1d70b8\"/>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
