namespace Locality.Domain.Common;

/// <summary>Now, as an instant, and today, as the date in the UK: rules about dates need both.</summary>
public readonly record struct Moment(DateTimeOffset Now, DateOnly Today);
