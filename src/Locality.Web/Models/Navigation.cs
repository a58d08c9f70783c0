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
        var links = new List<(string Text, string Href)> { (isWorker ? "My day" : "Home", Paths.Home) };
        if (isWorker)
        {
            links.Add(("Find a person", Paths.People));
            links.Add(("Community groups", Paths.CommunityGroups));
        }

        if (user.IsInRole(Roles.TeamLead))
        {
            links.Add(("Team", Paths.Team));
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
            .Select(l => new NavigationItem(l.Text, l.Href, l.Href == Paths.Home ? path == Paths.Home || path.StartsWithSegments(Paths.TeamWorkers) : path.StartsWithSegments(l.Href)))
            .ToList();
    }
}
