using Locality.Application.Conversations;
using Locality.Application.People;

namespace Locality.Web.Models;

public sealed record PersonPageModel(PersonPageDto Page, TimelinePage Timeline, bool IsOlderPage);
