using Locality.Application.Conversations;

namespace Locality.Web.Models;

/// <summary>One entry of a person's timeline, with whose timeline it is (for the links to correct or restrict it).</summary>
public sealed record TimelineEntryModel(Guid PersonId, TimelineEntryDto Entry);
