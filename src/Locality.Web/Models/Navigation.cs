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

        return links
            .Select(l => new NavigationItem(l.Text, l.Href, IsCurrent(l.Href, path, isLead)))
            .ToList();
    }

    // A worker's day is under the team's pages, but is the day's page, not the team's.
    private static bool IsCurrent(string href, PathString path, bool isLead) =>
        href == Paths.Home ? path == Paths.Home || path.StartsWithSegments(Paths.TeamWorkers)
        : href == Paths.Team && isLead ? path.StartsWithSegments(Paths.Team) && !path.StartsWithSegments(Paths.TeamWorkers)
        : path.StartsWithSegments(href);
}
