using System.Globalization;
using System.Net;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Locality.Infrastructure.Seeding;
using Locality.Web.Tests.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Web.Tests.Browser;

/// <summary>The long-name person and the pages made from them, for the reflow check.</summary>
public sealed record LongContent(string PersonPath, int PeopleInMyDay);

/// <summary>
/// Real content at its longest, added to the demo locality through the service's own forms, as staff would type it:
/// a person with a very long name, a long address with a long unbroken word, long safety notes, strengths, steps and
/// a long timeline note, a community group and an agency with long names, ratings and demand over time, and enough
/// people led by the demo key worker that their day lists forty.
/// </summary>
public static class LongContentSeeder
{
    public const string GivenName = "Bartholomew-Maximilian";
    public const string FamilyName = "Featherstonehaugh-Cholmondeley";
    public const string GroupName = "Stoke-on-Trent and Newcastle-under-Lyme Community Allotment and Horticultural Therapy Association";
    public const string AgencyName = "Staffordshire and Stoke-on-Trent Integrated Care Board Community Mental Health Transformation Service";
    public const int PeopleInMyDay = 40;

    private const string UnbrokenWord = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";

    private static readonly string[] GivenNames =
    [
        "Anastasia-Rose", "Oluwaseun", "Christopher-James", "Siobhan", "Muhammad-Ibrahim", "Persephone", "Wojciech", "Gwenllian",
        "Alexandria", "Maximilian", "Chiamaka", "Jean-Baptiste", "Evangeline", "Aleksandra", "Rhiannon-Mae", "Bartosz",
    ];

    private static readonly string[] FamilyNames =
    [
        "Brzęczyszczykiewicz", "Oyelaran-Adeyemi", "Montgomery-Fitzwilliam", "Papadopoulou", "Vanderstraeten", "Abdulrahman",
        "Kowalczyk-Nowakowska", "Llewellyn-Bowen", "Okonkwo", "Fitzgerald-O'Sullivan", "Ramaswamy", "Szczepańska",
    ];

    public static async Task<LongContent> SeedAsync(DemoWebFactory web)
    {
        var today = web.Clock.Now().Today;
        using var worker = await web.SignedInAsDemoAsync(Roles.KeyWorker);
        using var admin = await web.SignedInAsDemoAsync(Roles.Admin);
        var (police, locality) = await DemoPlaceAsync(web);

        await Saved(admin.SubmitAsync("/admin/agencies/new", new() { ["Name"] = AgencyName, ["Kind"] = nameof(AgencyKind.Health) }), "the agency");
        var groupForm = await worker.GetAsync("/community/new");
        await Saved(worker.SubmitAsync(groupForm, "/community/new", new()
        {
            ["LocalityId"] = locality.ToString(),
            ["Name"] = GroupName,
            ["Kind"] = "Volunteering",
            ["Offer"] = "Growing vegetables, fruit and flowers together on raised beds anyone can reach, with a volunteer horticultural therapist on hand; tools, gloves, seeds and a cup of tea are free, and nobody needs any experience at all",
            ["WhenAndWhere"] = $"Tuesdays and Saturdays 10am to 2pm, the {UnbrokenWord} allotments behind the old pottery works",
            ["Contact"] = "horticultural.therapy.coordinator@stoke-and-newcastle-community-allotments.example.org",
            ["Accessibility"] = "Step-free paths throughout, raised beds at wheelchair height, an accessible toilet in the pavilion and a quiet room",
            ["LastCheckedOn.Day"] = Day(today.AddDays(-7)),
            ["LastCheckedOn.Month"] = Month(today.AddDays(-7)),
            ["LastCheckedOn.Year"] = Year(today.AddDays(-7)),
        }), "the community group");

        var person = await AddPersonAsync(worker, new()
        {
            ["GivenName"] = GivenName,
            ["FamilyName"] = FamilyName,
            ["PreferredName"] = string.Empty,
            ["DateOfBirth.Day"] = Day(new DateOnly(1958, 11, 23)),
            ["DateOfBirth.Month"] = Month(new DateOnly(1958, 11, 23)),
            ["DateOfBirth.Year"] = Year(new DateOnly(1958, 11, 23)),
            ["AddressLine1"] = "Flat 14, Sir Christopher Wren Court, Upper St Bartholomew's Churchyard Approach",
            ["AddressLine2"] = $"{UnbrokenWord} Industrial Estate",
            ["Town"] = "Stoke-on-Trent and Newcastle-under-Lyme",
            ["Postcode"] = "ST4 7QB",
            ["Phone"] = "07700 900123",
            ["Email"] = "bartholomew-maximilian.featherstonehaugh-cholmondeley@extremely-long-email-provider.example.org",
            ["CommunicationNeeds"] = "Reads large print only (at least 16 point); prefers a phone call to a letter, and the call in the afternoon because mornings are hard with the new medication",
            ["SafetyNotes"] = "Two large dogs in the back garden: ring from the gate and wait. Former partner must not be told the address under any circumstances (non-molestation order until next spring)",
            ["WhatMattersToMe"] = "Getting back to the allotment with my brother-in-law, keeping the flat warm through the winter, and seeing my grandchildren at weekends without anyone from social services having to be there",
        });

        await Saved(worker.SubmitAsync($"{person}/consent", new()
        {
            ["Decision"] = "Given",
            ["AgencyIds"] = police.ToString(),
            ["Method"] = "Verbal",
            ["Note"] = "Talked through exactly what the neighbourhood policing team would see, why, and for how long, twice over two visits",
            ["ReviewOn.Day"] = Day(today.AddMonths(6)),
            ["ReviewOn.Month"] = Month(today.AddMonths(6)),
            ["ReviewOn.Year"] = Year(today.AddMonths(6)),
        }), "consent");
        await Saved(worker.SubmitAsync($"{person}/note", new()
        {
            ["Text"] = $"Rang the housing officer, the GP practice and the {UnbrokenWord} Industrial Estate's management company about the damp in the back bedroom, which is getting worse; everyone promised to ring back by Friday",
        }), "a note");

        foreach (var (kind, text) in new[]
                 {
                     ("Skill", "I can fix almost any bicycle, lawnmower or kettle given half an hour and the right screwdriver, and I taught the lads next door"),
                     ("Relationship", "I'm close to my brother-in-law Reginald; he drives me to the allotment on Saturdays and we have our dinner together after"),
                     ("PersonalQuality", "I never give up on people, even when they have given up on themselves; I've been told that's why the neighbours knock"),
                 })
        {
            await Saved(worker.SubmitAsync($"{person}/plan/strengths/new", new() { ["Kind"] = kind, ["Text"] = text, ["NoticedBy"] = "Their neighbour from the allotment society" }), "a strength");
        }

        await Saved(worker.SubmitAsync($"{person}/plan/good-life", new()
        {
            ["GoodLife"] = "A warm, dry home of my own that nobody can take away, my grandchildren round for tea on Sundays, the allotment in full swing, and feeling useful to somebody again",
        }), "the good life");
        await Saved(worker.SubmitAsync($"{person}/plan/goals/new", new() { ["Text"] = "I want to keep my flat, get the damp in the back bedroom sorted once and for all, and stop dreading the post" }), "a goal");
        await Saved(worker.SubmitAsync($"{person}/plan/goals/new", new() { ["Text"] = "I want to get back to the allotment every week and meet people who are not professionals" }), "a goal");
        var goals = (await worker.GetAsync($"{person}/plan")).Document.QuerySelectorAll("a[href*='/steps/new']")
            .Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.True(goals.Count >= 2, $"The plan of {GivenName} {FamilyName} shows {goals.Count} goals to add steps to");
        foreach (var (goal, owner, description) in new[]
                 {
                     (goals[0], "person", "Open the post every single morning with a cup of tea, and put anything from the council or the landlord in the red folder for Thursday"),
                     (goals[0], AgencyName, "Ask the mental health transformation service for the talking therapy they offered in the spring, and go to the first appointment"),
                     (goals[1], GroupName, $"Go to the Saturday session at the {UnbrokenWord} allotments with Reginald and ask about a raised bed"),
                 })
        {
            var form = await worker.GetAsync(goal);
            var value = owner == "person" ? owner : OptionValue(form, "Owner", owner);
            await Saved(worker.SubmitAsync(form, goal, new()
            {
                ["Description"] = description,
                ["Owner"] = value,
                ["DueOn.Day"] = Day(today.AddDays(10)),
                ["DueOn.Month"] = Month(today.AddDays(10)),
                ["DueOn.Year"] = Year(today.AddDays(10)),
                ["Notes"] = "Agreed together at the kitchen table; Reginald will remind them the evening before, and I will ring the morning after to see how it went",
            }), "a step");
        }

        await Saved(worker.SubmitAsync($"{person}/plan/review", new()
        {
            ["On.Day"] = Day(today),
            ["On.Month"] = Month(today),
            ["On.Year"] = Year(today),
            ["WhoTookPart"] = "Them, their brother-in-law Reginald, the housing officer and me",
            ["WhatChanged"] = "The post is opened every morning now and the damp has been reported in writing; the first allotment session went better than anyone expected",
            ["NextReviewOn.Day"] = Day(today.AddDays(60)),
            ["NextReviewOn.Month"] = Month(today.AddDays(60)),
            ["NextReviewOn.Year"] = Year(today.AddDays(60)),
        }), "a review");
        var connectionForm = await worker.GetAsync($"{person}/plan/connections/new");
        await Saved(worker.SubmitAsync(connectionForm, $"{person}/plan/connections/new", new()
        {
            ["GroupId"] = OptionValue(connectionForm, "GroupId", GroupName),
            ["SuggestedBy"] = "Their brother-in-law Reginald, who has had a plot there for twenty years",
            ["SuggestedOn.Day"] = Day(today.AddDays(-20)),
            ["SuggestedOn.Month"] = Month(today.AddDays(-20)),
            ["SuggestedOn.Year"] = Year(today.AddDays(-20)),
        }), "a connection");

        foreach (var (on, steps) in new[] { (today.AddDays(-168), new[] { 4, 2, 1, 3, 3, 4, 3, 3, 4, 4 }), (today.AddDays(-84), new[] { 3, 1, 1, 2, 2, 3, 2, 2, 3, 3 }), (today, new[] { 2, 0, 0, 1, 1, 2, 1, 1, 1, 2 }) })
        {
            await Saved(worker.SubmitAsync($"{person}/ratings/new", Rating(on, steps)), "a rating");
        }

        foreach (var days in new[] { 150, 120, 95, 60, 12 })
        {
            var on = today.AddDays(-days);
            await Saved(worker.SubmitAsync($"{person}/demand/new", new()
            {
                ["TypeCode"] = "police-call-out",
                ["AgencyId"] = police.ToString(),
                ["OccurredOn.Day"] = Day(on),
                ["OccurredOn.Month"] = Month(on),
                ["OccurredOn.Year"] = Year(on),
                ["Postcode"] = "ST4 7QB",
                ["AddressLine1"] = $"Flat 14, Sir Christopher Wren Court, {UnbrokenWord} Industrial Estate",
                ["Classification"] = "Failure",
                ["FailureTypeCode"] = "REPEAT_CALLOUT",
            }), "a demand event");
        }

        var already = await CountPeopleAsync(worker);
        for (var i = 0; already + i < PeopleInMyDay; i++)
        {
            await AddPersonAsync(worker, new()
            {
                ["GivenName"] = GivenNames[i % GivenNames.Length],
                ["FamilyName"] = $"{FamilyNames[i % FamilyNames.Length]}{(i >= FamilyNames.Length ? "-" + FamilyNames[(i * 5 + 3) % FamilyNames.Length] : string.Empty)}",
                ["DateOfBirth.Day"] = Day(new DateOnly(1950 + i, 1 + (i % 12), 1 + (i % 28))),
                ["DateOfBirth.Month"] = Month(new DateOnly(1950 + i, 1 + (i % 12), 1 + (i % 28))),
                ["DateOfBirth.Year"] = Year(new DateOnly(1950 + i, 1 + (i % 12), 1 + (i % 28))),
                ["AddressLine1"] = $"{i + 3} Montgomery-Fitzwilliam Gardens",
                ["Postcode"] = "ST4 7QB",
                ["Phone"] = $"07700 900{100 + i}",
                ["SafetyNotes"] = i % 4 == 0 ? "Visit in pairs after dark; the stairwell lights on the third floor do not work" : string.Empty,
                ["WhatMattersToMe"] = "Keeping my independence for as long as I possibly can",
            });
        }

        var inMyDay = await CountPeopleAsync(worker);
        Assert.True(inMyDay >= PeopleInMyDay, $"My day of the demo key worker lists {inMyDay} people, not {PeopleInMyDay}");
        return new LongContent(person, inMyDay);
    }

    private static async Task<(Guid Police, Guid Locality)> DemoPlaceAsync(DemoWebFactory web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LocalityDbContext>();
        var worker = await db.StaffMembers.SingleAsync(s => s.Email == DemoLocality.SignIns[0].Email);
        var team = await db.Teams.SingleAsync(t => t.Id == worker.TeamId);
        var police = await db.Agencies.SingleAsync(a => a.Kind == AgencyKind.Police);
        return (police.Id.Value, team.LocalityId.Value);
    }

    private static async Task<string> AddPersonAsync(FormClient worker, Dictionary<string, string> fields)
    {
        fields["ConfirmedNew"] = "true";
        var added = await Saved(worker.SubmitAsync("/people/new", fields), "a person");
        return added.Response.Headers.Location!.ToString();
    }

    private static async Task<int> CountPeopleAsync(FormClient worker)
    {
        var day = await worker.GetAsync("/");
        return int.Parse(day.Document.QuerySelector("#count-people")!.TextContent.Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<Page> Saved(Task<Page> submitting, string what)
    {
        var page = await submitting;
        Assert.True(page.Status == HttpStatusCode.Redirect, $"Adding {what} answered {(int)page.Status} {page.Heading}: {string.Join("; ", page.ErrorSummary)}");
        return page;
    }

    private static string OptionValue(Page form, string select, string textContains) =>
        form.Document.QuerySelectorAll($"select[name='{select}'] option, input[name='{select}']")
            .FirstOrDefault(o => (o.TextContent + " " + (o.Id is { } id ? form.Document.QuerySelector($"label[for='{id}']")?.TextContent : null)).Contains(textContains, StringComparison.Ordinal))
            ?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No choice \"{textContains}\" in {select}");

    private static Dictionary<string, string> Rating(DateOnly on, int[] steps)
    {
        string[] keys = ["engagement", "intentional-self-harm", "unintentional-self-harm", "risk-to-others", "risk-from-others", "stress-and-anxiety", "social-effectiveness", "alcohol-and-drugs", "impulse-control", "housing"];
        var fields = new Dictionary<string, string> { ["RatedOn.Day"] = Day(on), ["RatedOn.Month"] = Month(on), ["RatedOn.Year"] = Year(on), ["PersonTookPart"] = "true" };
        for (var i = 0; i < keys.Length; i++)
        {
            fields[$"Steps[{keys[i]}]"] = steps[i].ToString(CultureInfo.InvariantCulture);
            fields[$"Evidence[{keys[i]}]"] = $"Talked it through at the kitchen table with Reginald there; they said this about {keys[i]} in their own words and I wrote it down as they said it";
        }

        return fields;
    }

    private static string Day(DateOnly on) => on.Day.ToString(CultureInfo.InvariantCulture);

    private static string Month(DateOnly on) => on.Month.ToString(CultureInfo.InvariantCulture);

    private static string Year(DateOnly on) => on.Year.ToString(CultureInfo.InvariantCulture);
}
