using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Web.Models;
using Microsoft.AspNetCore.Http;

namespace Locality.Web.Tests.Forms;

/// <summary>What each role sees in the service navigation, and which link says where they are.</summary>
public sealed class NavigationTests
{
    private static readonly Guid Me = Guid.NewGuid();

    [Theory]
    [InlineData("/team", "Team")]
    [InlineData("/team/demand", "Team")]
    [InlineData("/people/0199c9a1-0000-7000-8000-000000000001", "Find a person")]
    public void ATeamLeadWhoAlsoLeadsConversations_StartsOnTheTeam_AndKeepsTheirOwnDay(string path, string current)
    {
        var items = Navigation.For(User(Roles.TeamLead, Roles.KeyWorker), new PathString(path));

        Assert.Equal(["Team", "My day", "Find a person", "Community groups", "Reviews"], items.Select(i => i.Text));
        Assert.Equal($"/team/workers/{Me}", items.Single(i => i.Text == "My day").Href);
        Assert.Equal(current, Assert.Single(items, i => i.IsCurrent).Text);
    }

    [Fact]
    public void OnATeamLeadsOwnDay_MyDayIsCurrent_AndOnAnotherWorkersDay_TheTeamIs()
    {
        var lead = User(Roles.TeamLead, Roles.KeyWorker);

        Assert.Equal("My day", Assert.Single(Navigation.For(lead, new PathString($"/team/workers/{Me}")), i => i.IsCurrent).Text);
        Assert.Equal("Team", Assert.Single(Navigation.For(lead, new PathString($"/team/workers/{Guid.NewGuid()}")), i => i.IsCurrent).Text);
    }

    [Fact]
    public void AKeyWorker_StartsOnTheirDay()
    {
        var items = Navigation.For(User(Roles.KeyWorker), new PathString("/"));

        Assert.Equal(["My day", "Find a person", "Community groups"], items.Select(i => i.Text));
        Assert.Equal("My day", Assert.Single(items, i => i.IsCurrent).Text);
        Assert.DoesNotContain(Navigation.For(User(Roles.KeyWorker), new PathString("/accessibility")), i => i.IsCurrent);
    }

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Me.ToString()), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
