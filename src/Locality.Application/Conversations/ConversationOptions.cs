namespace Locality.Application.Conversations;

/// <summary>Settings for conversations, from configuration section <c>Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>Days without a successful contact before a conversation is quiet.</summary>
    public int QuietAfterDays { get; set; } = 14;

    public TimeSpan QuietAfter => TimeSpan.FromDays(QuietAfterDays);
}
