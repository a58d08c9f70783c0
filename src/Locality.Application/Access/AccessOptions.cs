namespace Locality.Application.Access;

/// <summary>Settings for access to people's records, from configuration section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public const int DefaultBreakGlassHours = 4;

    /// <summary>How long emergency ("break glass") access lasts.</summary>
    public int BreakGlassHours { get; set; } = DefaultBreakGlassHours;

    /// <summary>People with no contact for this many years are listed for a retention review. Nothing is deleted.</summary>
    public int RetentionReviewYears { get; set; } = 8;
}
