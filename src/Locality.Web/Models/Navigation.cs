using System.Security.Claims;
using Locality.Application.Common.Security;

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

        var isWorker = user.IsInRole(Roles.KeyWorker) || user.IsInRole(Roles.TeamLead);
        var links = new List<(string Text, string Href)> { (isWorker ? "My day" : "Home", "/") };
        if (isWorker)
        {
            links.Add(("Find a person", "/people"));
            links.Add(("Community groups", "/community"));
        }

        if (user.IsInRole(Roles.TeamLead))
        {
            links.Add(("Team", "/team"));
        }

        if (user.IsInRole(Roles.PartnerViewer))
        {
            links.Add(("People shared with us", "/shared"));
        }

        if (user.IsInRole(Roles.TeamLead) || user.IsInRole(Roles.Admin))
        {
            links.Add(("Reviews", "/reviews"));
        }

        if (user.IsInRole(Roles.Admin))
        {
            links.Add(("Administration", "/admin"));
            links.Add(("Background jobs", "/jobs"));
        }

        return links
            .Select(l => new NavigationItem(l.Text, l.Href, l.Href == "/" ? path == "/" || path.StartsWithSegments("/team/workers") : path.StartsWithSegments(l.Href)))
            .ToList();
    }
}
