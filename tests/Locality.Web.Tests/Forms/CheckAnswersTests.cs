using System.Net;
using AngleSharp.Html.Dom;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// Passing someone on, changing the lead key worker and merging two records each stop at a page that checks the
/// answers and says what will happen: nothing changes until it is confirmed, "Change" goes back to the form with every
/// answer kept, the confirmation does it once however often it is sent, and answers tampered with on the way are the
/// form's own field errors.
/// </summary>
public sealed class CheckAnswersTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task PassingSomeoneOn_SaysWhatWillHappen_RecordsNothingUntilConfirmed_AndOnceWhenConfirmedTwice()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var (person, id, name) = await AddAsync(worker);

        var check = await worker.SubmitAsync($"{person}/pass-on", new() { ["ToService"] = "Housing options", ["Reason"] = "Facing eviction" });
        var before = await HandOffsAsync(id);
        var confirmed = await worker.PressAsync(check, "Record the hand-off");
        var again = await worker.PressAsync(check, "Record the hand-off");

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Equal("Check your answers before passing them on", check.Heading);
        var happens = check.Document.QuerySelector("#what-will-happen")!.TextContent;
        Assert.Contains($"{name} will be passed on to Housing options.", happens);
        Assert.Contains("You keep the conversation", happens);
        Assert.Contains("they will have been passed on once", happens);
        Assert.Equal(["Passed on to", "Their agency", "Why this is right for them", "Who leads the conversation", "When it happened"], Questions(check));
        Assert.Equal(0, before);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(1, await HandOffsAsync(id));
    }

    [Fact]
    public async Task PassingSomeoneOn_ToANewLead_SaysWhoWillLead_AndChangeGoesBackWithEveryAnswerKept()
    {
        var (client, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        using var worker = client;
        var colleague = await web.CreateAccountAsync(Roles.KeyWorker, inTeam: account.TeamId);
        var (person, id, _) = await AddAsync(worker);
        var fields = new Dictionary<string, string>
        {
            ["ToService"] = "Drug and alcohol service",
            ["Reason"] = "She asked to work with them",
            ["LeadKeepsConversation"] = "false",
            ["NewLeadWorkerId"] = colleague.Id.Value.ToString(),
            ["OccurredOn.Day"] = "",
            ["OccurredOn.Month"] = "",
            ["OccurredOn.Year"] = "",
            ["OccurredTime"] = "",
        };

        var check = await worker.SubmitAsync($"{person}/pass-on", fields);
        var back = await worker.PressAsync(check, "Change who leads the conversation");

        var happens = check.Document.QuerySelector("#what-will-happen")!.TextContent;
        Assert.Contains($"{colleague.DisplayName}", happens);
        Assert.Contains("will lead the conversation from now", happens);
        Assert.Contains("You will no longer lead it. You stay in the team around them", happens);
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal("Pass them on to another service", back.Heading);
        Assert.Empty(back.ErrorSummary);
        Assert.Equal("Drug and alcohol service", back.Document.QuerySelector<IHtmlInputElement>("#ToService")!.Value);
        Assert.Equal("She asked to work with them", back.Document.QuerySelector<IHtmlTextAreaElement>("#Reason")!.Value);
        Assert.True(back.Document.QuerySelector<IHtmlInputElement>("input[name=LeadKeepsConversation][value=false]")!.IsChecked);
        Assert.Equal(colleague.Id.Value.ToString(), back.Document.QuerySelector<IHtmlSelectElement>("#NewLeadWorkerId")!.Value);
        var reveal = back.Document.QuerySelector("#NewLeadWorkerId")!.Closest(".govuk-radios__conditional")!;
        Assert.DoesNotContain("govuk-radios__conditional--hidden", reveal.ClassName);
        Assert.Equal(0, await HandOffsAsync(id));
    }

    [Fact]
    public async Task WhoWillLeadIt_IsAskedBeneathTheAnswerThatNeedsIt_AndSaysSoForThoseWithoutScript()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var (person, _, _) = await AddAsync(worker);

        var form = await worker.GetAsync($"{person}/pass-on");

        var someoneElse = form.Document.QuerySelector<IHtmlInputElement>("input[name=LeadKeepsConversation][value=false]")!;
        var keeps = form.Document.QuerySelector<IHtmlInputElement>("input[name=LeadKeepsConversation][value=true]")!;
        var reveal = form.Document.GetElementById(someoneElse.GetAttribute("data-aria-controls")!)!;
        Assert.True(keeps.IsChecked);
        Assert.Null(keeps.GetAttribute("data-aria-controls"));
        Assert.Equal(["govuk-radios__conditional", "govuk-radios__conditional--hidden"], reveal.ClassList.ToArray());
        Assert.Same(someoneElse.ParentElement, reveal.PreviousElementSibling);
        Assert.NotNull(reveal.QuerySelector("select#NewLeadWorkerId"));
        Assert.Equal("Who will lead it?", reveal.QuerySelector("label[for=NewLeadWorkerId]")!.TextContent);
        Assert.Equal("Only if someone else will lead it.", reveal.QuerySelector("#NewLeadWorkerId-hint")!.TextContent);
    }

    [Fact]
    public async Task AnswersTamperedWithOnTheCheckPage_AreFieldErrors_AndNothingIsRecorded()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var (person, id, _) = await AddAsync(worker);
        var check = await worker.SubmitAsync($"{person}/pass-on", new() { ["ToService"] = "Housing options", ["Reason"] = "Facing eviction" });

        var notAWorker = await worker.PressAsync(check, "Record the hand-off", new() { ["LeadKeepsConversation"] = "false", ["NewLeadWorkerId"] = Guid.NewGuid().ToString() });
        var unreadable = await worker.PressAsync(check, "Record the hand-off", new() { ["LeadKeepsConversation"] = "perhaps", ["ToAgencyId"] = "not-an-id" });
        var noAgency = await worker.PressAsync(check, "Record the hand-off", new() { ["ToAgencyId"] = Guid.NewGuid().ToString(), ["Reason"] = "" });

        foreach (var refused in new[] { notAWorker, unreadable, noAgency })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Pass them on to another service", refused.Heading);
        }

        Assert.NotNull(notAWorker.FieldError("NewLeadWorkerId"));
        Assert.Equal(["#NewLeadWorkerId"], notAWorker.ErrorSummaryLinks);
        Assert.NotNull(unreadable.FieldError("LeadKeepsConversation"));
        Assert.NotNull(unreadable.FieldError("ToAgencyId"));
        Assert.NotNull(noAgency.FieldError("ToAgencyId"));
        Assert.Equal("Enter why they are being passed on", noAgency.FieldError("Reason"));
        Assert.Equal(0, await HandOffsAsync(id));
    }

    [Fact]
    public async Task ChangingTheLead_ChecksFirst_SaysYouWillNoLongerLead_ThenChangesItOnce()
    {
        var (client, account) = await web.SignedInAccountAsync(Roles.KeyWorker);
        using var worker = client;
        var colleague = await web.CreateAccountAsync(Roles.KeyWorker, inTeam: account.TeamId);
        var (person, id, name) = await AddAsync(worker);

        var themselves = await worker.SubmitAsync($"{person}/lead", new() { ["NewLeadWorkerId"] = account.Id.Value.ToString() });
        var check = await worker.SubmitAsync($"{person}/lead", new() { ["NewLeadWorkerId"] = colleague.Id.Value.ToString(), ["Reason"] = "Works closer to her" });
        var leadBefore = await LeadIsAsync(id, account.Id.Value);
        var back = await worker.PressAsync(check, "Change why");
        var tampered = await worker.PressAsync(check, "Change the lead key worker", new() { ["NewLeadWorkerId"] = Guid.NewGuid().ToString() });
        var confirmed = await worker.PressAsync(check, "Change the lead key worker");
        var again = await worker.PressAsync(check, "Change the lead key worker");

        Assert.Equal(HttpStatusCode.BadRequest, themselves.Status);
        Assert.Equal("You already lead the conversation: select someone else", themselves.FieldError("NewLeadWorkerId"));
        Assert.Equal("Check your answers before changing the lead key worker", check.Heading);
        var happens = check.Document.QuerySelector("#what-will-happen")!.TextContent;
        Assert.Contains($"will lead the conversation with {name}.", happens);
        Assert.Contains(colleague.DisplayName, happens);
        Assert.Contains("You will no longer lead it", happens);
        Assert.Equal(1, leadBefore);
        Assert.Equal("Works closer to her", back.Document.QuerySelector<IHtmlTextAreaElement>("#Reason")!.Value);
        Assert.Equal(colleague.Id.Value.ToString(), back.Document.QuerySelector<IHtmlSelectElement>("#NewLeadWorkerId")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.Status);
        Assert.Equal(["#NewLeadWorkerId"], tampered.ErrorSummaryLinks);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(1, await LeadIsAsync(id, colleague.Id.Value));
        Assert.Equal(1, await web.Database.ScalarAsync(
            "SELECT count(*) FROM timeline_entries WHERE person_id = $1 AND text = $2", id, "Works closer to her"));
    }

    [Fact]
    public async Task MergingTwoRecords_ChecksFirst_SaysWhatBecomesOfTheOther_ThenMergesOnce()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Merge" + Tag();
        var (person, id, name) = await AddAsync(worker, "Pat", family);
        var (other, otherId, _) = await AddAsync(worker, "Patricia", family, day: "2");
        var search = $"{person}/merge?search={family}";

        var check = await worker.SubmitAsync(search, new() { ["MergedId"] = otherId.ToString(), ["Reason"] = "Same NHS letter" });
        var otherBefore = await worker.GetAsync(other);
        var back = await worker.PressAsync(check, "Change the other record");
        var notFound = await worker.PressAsync(check, "Merge into this record", new() { ["MergedId"] = Guid.NewGuid().ToString() });
        var itself = await worker.PressAsync(check, "Merge into this record", new() { ["MergedId"] = id.ToString() });
        var merged = await worker.PressAsync(check, "Merge into this record");
        var again = await worker.PressAsync(check, "Merge into this record");

        Assert.Equal("Check your answers before merging the records", check.Heading);
        var happens = check.Document.QuerySelector("#what-will-happen")!.TextContent;
        Assert.Contains($"The two records become one: this record for {name} is kept", happens);
        Assert.Contains($"Patricia {family}, 2 March 1980", happens);
        Assert.Contains("The other record's timeline is kept in full", happens);
        Assert.Contains($"Patricia {family}", otherBefore.Heading);
        Assert.True(back.Document.QuerySelector<IHtmlInputElement>($"input[name=MergedId][value='{otherId}']")!.IsChecked);
        Assert.Equal("Same NHS letter", back.Document.QuerySelector<IHtmlTextAreaElement>("#Reason")!.Value);
        foreach (var refused in new[] { notFound, itself })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Select which record is also them", refused.FieldError("MergedId"));
        }

        Assert.Equal(HttpStatusCode.Redirect, merged.Status);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(1, await web.Database.ScalarAsync("SELECT count(*) FROM person_merges WHERE merged_id = $1", otherId));
        Assert.Equal(0, await web.Database.ScalarAsync("SELECT count(*) FROM person_merges WHERE merged_id = $1", id));
    }

    [Fact]
    public async Task NothingIsMerged_UntilTheCheckIsConfirmed()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var family = "Unmerged" + Tag();
        var (person, _, _) = await AddAsync(worker, "Pat", family);
        var (other, otherId, _) = await AddAsync(worker, "Patricia", family, day: "2");

        var check = await worker.SubmitAsync($"{person}/merge?search={family}", new() { ["MergedId"] = otherId.ToString(), ["Reason"] = "Same NHS letter" });
        var otherPage = await worker.GetAsync(other);

        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains($"Patricia {family}", otherPage.Heading);
        Assert.Equal(0, await web.Database.ScalarAsync("SELECT count(*) FROM person_merges WHERE merged_id = $1", otherId));
        Assert.Equal(0, await web.Database.ScalarAsync("SELECT count(*) FROM people WHERE id = $1 AND merged_into_id IS NOT NULL", otherId));
    }

    private static IReadOnlyList<string> Questions(Page page) =>
        page.Document.QuerySelectorAll(".govuk-summary-list__key").Select(k => k.TextContent.Trim()).ToList();

    private Task<long> HandOffsAsync(Guid person) =>
        web.Database.ScalarAsync("SELECT hand_off_count FROM conversations WHERE person_id = $1", person);

    private Task<long> LeadIsAsync(Guid person, Guid worker) =>
        web.Database.ScalarAsync("SELECT count(*) FROM conversations WHERE person_id = $1 AND lead_worker_id = $2", person, worker);

    private static async Task<(string Page, Guid Id, string Name)> AddAsync(FormClient worker, string given = "Pat", string? family = null, string day = "1")
    {
        family ??= "Checked" + Tag();
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = given,
            ["FamilyName"] = family,
            ["DateOfBirth.Day"] = day,
            ["DateOfBirth.Month"] = "3",
            ["DateOfBirth.Year"] = "1980",
            ["Postcode"] = "WN1 1XX",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var page = added.Response.Headers.Location!.ToString();
        return (page, Guid.Parse(page.TrimEnd('/').Split('/')[^1]), $"{given} {family}");
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];
}
