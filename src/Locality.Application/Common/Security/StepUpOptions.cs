namespace Locality.Application.Common.Security;

/// <summary>How recent a second factor a serious act needs, from configuration section <c>SignIn</c>.</summary>
public sealed class StepUpOptions
{
    public const string Section = "SignIn";

    public const int DefaultStepUpMinutes = 15;

    /// <summary>A second factor given longer ago than this is asked for again before a serious act.</summary>
    public int StepUpMinutes { get; set; } = DefaultStepUpMinutes;

    public TimeSpan Within => TimeSpan.FromMinutes(Math.Max(1, StepUpMinutes));
}
