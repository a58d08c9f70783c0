using System.Globalization;
using System.Text.Encodings.Web;

namespace Locality.Web.Models;

/// <summary>What the charts drawn on the server share: positions across as percentages, and text made safe.</summary>
public static class ChartSvg
{
    /// <summary>The style sheet hides text with this class on a phone: labels between the first and the last.</summary>
    public const string MinorLabel = "locality-chart__minor";

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}%");

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
