using System.Globalization;
using System.Text;
using Locality.Application.Demand;
using Microsoft.AspNetCore.Html;

namespace Locality.Web.Models;

/// <summary>
/// Failure and value demand by month as stacked bars, drawn on the server as SVG like the rating chart: laid out in
/// percentages across, so its labels stay at body-text size in the service's font at any width. A phone shows a
/// month label every few bars; the table beside it has every figure.
/// </summary>
public static class DemandChart
{
    private const int Height = 200;
    private const int LabelsBelow = 28;
    private const double Left = 12;
    private const double Right = 100;
    private const int MostLabelsWide = 12;
    private const int MostLabelsOnAPhone = 4;

    public static IHtmlContent Render(IReadOnlyList<DemandMonthDto> months)
    {
        var most = Math.Max(1, months.Select(m => m.Value + m.Failure).DefaultIfEmpty(0).Max());
        var slot = (Right - Left) / Math.Max(1, months.Count);
        var everyWide = Math.Max(1, (int)Math.Ceiling(months.Count / (double)MostLabelsWide));
        var everyOnAPhone = everyWide * Math.Max(1, (int)Math.Ceiling(Math.Ceiling(months.Count / (double)everyWide) / MostLabelsOnAPhone));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"locality-chart\" id=\"demand-chart\" width=\"100%\" height=\"{Height + LabelsBelow}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"chart-title\">Failure and value demand by month</title>");
        svg.Append("<desc id=\"chart-desc\">Stacked bars, failure demand in dark red under value demand in blue, one bar a month; the table below has the same figures.</desc>");
        for (var i = 0; i < months.Count; i++)
        {
            var m = months[i];
            var failureHeight = Math.Round(Height * (double)m.Failure / most);
            var valueHeight = Math.Round(Height * (double)m.Value / most);
            var x = ChartSvg.Percent(Left + (i * slot));
            var width = ChartSvg.Percent(slot * 0.85);
            var month = ChartSvg.Encode(m.Month.ToString("MMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Height - failureHeight}\" width=\"{width}\" height=\"{failureHeight}\" fill=\"#942514\"><title>{month}: {m.Failure:N0} failure</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Height - failureHeight - valueHeight}\" width=\"{width}\" height=\"{valueHeight}\" fill=\"#1d70b8\"><title>{month}: {m.Value:N0} value</title></rect>");
            if (i % everyWide == 0)
            {
                var minor = i % everyOnAPhone == 0 ? string.Empty : $" class=\"{ChartSvg.MinorLabel}\"";
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartSvg.Percent(Left + (i * slot))}\" y=\"{Height + 20}\"{minor}>{ChartSvg.Encode(m.Month.ToString("MMM", CultureInfo.GetCultureInfo("en-GB")))}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartSvg.Percent(Left - 2)}\" y=\"16\" text-anchor=\"end\">{most:N0}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartSvg.Percent(Left - 2)}\" y=\"{Height}\" text-anchor=\"end\">0</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
