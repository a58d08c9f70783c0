using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Web.Infrastructure;

namespace Locality.Web.Models;

public sealed record NavigationItem(string Text, string Href, bool IsCurrent);

/// <summary>The service navigation: what each role comes to do, and nothing they cannot.</summary>
public static class Navigation
{
    public static IReadOnlyList<NavigationItem> For(ClaimsPrincipal user, PathString path)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return [];
        }

        var isWorker = Roles.RecordHolders.Any(user.IsInRole);
        var isLead = user.IsInRole(Roles.TeamLead);
        var links = new List<(string Text, string Href)>();
        if (isLead)
        {
            // A team lead's home is their team; one who also leads conversations keeps a way to their own day.
            links.Add(("Team", Paths.Team));
            if (user.IsInRole(Roles.KeyWorker) && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } me && Guid.TryParse(me, out var id))
            {
                links.Add(("My day", Paths.TeamWorker(id)));
            }
        }
        else
        {
            links.Add((isWorker ? "My day" : "Home", Paths.Home));
        }

        if (isWorker)
        {
            links.Add(("Find a person", Paths.People));
            links.Add(("Community groups", Paths.CommunityGroups));
        }

        if (user.IsInRole(Roles.PartnerViewer))
        {
            links.Add(("People shared with us", Paths.SharedPeople));
        }

        if (user.IsInRole(Roles.TeamLead) || user.IsInRole(Roles.Admin))
        {
            links.Add(("Reviews", Paths.Reviews));
        }

        if (user.IsInRole(Roles.Admin))
        {
            links.Add(("Administration", Paths.Admin));
            links.Add(("Background jobs", Paths.Jobs));
        }

        // The most specific link is the current one: a team lead's own day under the team's pages is "My day",
        // anyone else's day there is "Team".
        var current = links.Where(l => l.Href == Paths.Home ? path == Paths.Home : path.StartsWithSegments(l.Href))
            .OrderByDescending(l => l.Href.Length).Select(l => l.Href).FirstOrDefault();
        return links.Select(l => new NavigationItem(l.Text, l.Href, l.Href == current)).ToList();
    }
}
