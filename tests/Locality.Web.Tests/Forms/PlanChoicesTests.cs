using System.Net;
using AngleSharp.Html.Dom;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>Who a step belongs to is chosen from groups, the person first; a new strength starts as the person's own.</summary>
public sealed class PlanChoicesTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task AStepsOwner_IsChosenInGroups_ThePersonFirst_ThenTheTeamAroundThem_YourTeam_AndAgencies()
    {
        var (client, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        using var worker = client;
        var colleague = await web.CreateAccountAsync(Roles.KeyWorker, inTeam: account.TeamId);
        var (person, name) = await AddAsync(worker);
        var goal = await worker.SubmitAsync($"{person}/plan/goals/new", new() { ["Text"] = "I want to stay in my flat" });
        var plan = await worker.GetAsync($"{person}/plan");
        var newStep = plan.Document.QuerySelectorAll("a").First(a => a.TextContent.StartsWith("Add a step", StringComparison.Ordinal)).GetAttribute("href")!;

        var form = await worker.GetAsync(newStep);
        var select = form.Document.QuerySelector<IHtmlSelectElement>("select#Owner")!;
        var groups = select.QuerySelectorAll("optgroup").ToDictionary(g => g.GetAttribute("label")!, g => g.QuerySelectorAll("option").Select(o => o.TextContent).ToList());
        var saved = await worker.SubmitAsync(form, newStep, new() { ["Description"] = "Ring the landlord", ["Owner"] = $"worker:{colleague.Id.Value}" });
        var after = await worker.GetAsync($"{person}/plan");

        Assert.Equal(HttpStatusCode.Redirect, goal.Status);
        Assert.Equal(["The person", "The team around them", "Your team", "Agencies"], groups.Keys.Take(4));
        Assert.Equal([$"{name} themselves"], groups["The person"]);
        Assert.Equal([account.DisplayName], groups["The team around them"]);
        Assert.Contains(colleague.DisplayName, groups["Your team"]);
        Assert.DoesNotContain(account.DisplayName, groups["Your team"]);
        Assert.NotEmpty(groups["Agencies"]);
        Assert.All(select.QuerySelectorAll("option").Skip(1), option => Assert.Equal("OPTGROUP", option.ParentElement!.TagName));
        Assert.Equal("Choose who", select.Options[0].Text);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains(colleague.DisplayName, after.Document.QuerySelector("#goal-0-steps")!.TextContent);
    }

    [Fact]
    public async Task ANewStrength_StartsAsNoticedByThePerson_AndIsSavedSo()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var (person, _) = await AddAsync(worker);

        var form = await worker.GetAsync($"{person}/plan/strengths/new");
        var noticedBy = form.Document.QuerySelector<IHtmlInputElement>("#NoticedBy")!.Value;
        var saved = await worker.SubmitAsync(form, $"{person}/plan/strengths/new", new() { ["Text"] = "Fixes bikes for the street", ["Kind"] = "Skill", ["NoticedBy"] = noticedBy });
        var plan = await worker.GetAsync($"{person}/plan");
        var blank = await worker.SubmitAsync($"{person}/plan/strengths/new", new() { ["Text"] = "Sings", ["Kind"] = "Interest", ["NoticedBy"] = "" });

        Assert.Equal("They said", noticedBy);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var strength = plan.Document.QuerySelectorAll("#strengths li").Single(li => li.TextContent.Contains("Fixes bikes for the street"));
        Assert.Contains("noticed by them", strength.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.NotNull(blank.FieldError("NoticedBy"));
    }

    private static async Task<(string Page, string Name)> AddAsync(FormClient worker)
    {
        var family = "Planned" + Guid.NewGuid().ToString("N")[..6];
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Irene",
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = "2",
            ["DateOfBirth.Month"] = "2",
            ["DateOfBirth.Year"] = "1958",
            ["Postcode"] = "WN1 1XX",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return (added.Response.Headers.Location!.ToString(), $"Irene {family}");
    }
}
