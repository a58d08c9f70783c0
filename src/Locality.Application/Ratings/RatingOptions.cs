namespace Locality.Application.Ratings;

/// <summary>How rating trends are read. A locality agrees its own thresholds; none is published nationally.</summary>
public sealed class RatingOptions
{
    public const string Section = "Ratings";

    /// <summary>A change from the first rating of this many points or fewer, either way, counts as stable.</summary>
    public int StableWithinPoints { get; set; } = 2;
}
