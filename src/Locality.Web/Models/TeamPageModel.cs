using Locality.Application.Conversations;

namespace Locality.Web.Models;

public sealed record TeamPageModel(TeamDayDto Day, IReadOnlyList<PassedOnDto> PassedOn);
