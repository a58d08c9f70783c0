using System.Net;
using Locality.Application.Common.Security;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// Every form carries a key made when it was drawn: the same form sent twice (a double click, a resend after the
/// signal dropped) records once and answers the same way; sent again with other answers, it changes nothing and says so.
/// </summary>
public sealed class FormResendTests(WebFactory web) : IClassFixture<WebFactory>
{
    [Fact]
    public async Task ANoteFormSentTwice_RecordsOneNote_AndBothGoToThePersonsPage()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);
        var form = await worker.GetAsync($"{person}/note");
        var key = form.Document.QuerySelector("main form[method=post] input[name=__IdempotencyKey]")?.GetAttribute("value");

        var first = await worker.SubmitAsync(form, $"{person}/note", new() { ["Text"] = "Dropped round her shopping" });
        var again = await worker.SubmitAsync(form, $"{person}/note", new() { ["Text"] = "Dropped round her shopping" });
        var changed = await worker.SubmitAsync(form, $"{person}/note", new() { ["Text"] = "Something else entirely" });

        Assert.True(Guid.TryParse(key, out _));
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(first.Response.Headers.Location, again.Response.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.Status);
        Assert.Equal("This form was already sent", changed.Heading);
        Assert.Equal(1, await CountAsync(person, "Dropped round her shopping"));
        Assert.Equal(0, await CountAsync(person, "Something else entirely"));
    }

    [Fact]
    public async Task EachTimeAFormIsDrawn_ItHasANewKey()
    {
        using var worker = await web.SignedInClientAsync(Roles.KeyWorker);
        var person = await AddAsync(worker);

        var keys = new List<string?>();
        for (var i = 0; i < 2; i++)
        {
            var form = await worker.GetAsync($"{person}/note");
            keys.Add(form.Document.QuerySelector("main form[method=post] input[name=__IdempotencyKey]")?.GetAttribute("value"));
        }

        Assert.All(keys, Assert.NotNull);
        Assert.NotEqual(keys[0], keys[1]);
    }

    private Task<long> CountAsync(string personPage, string text) =>
        web.Database.ScalarAsync("SELECT count(*) FROM timeline_entries WHERE person_id = $1 AND text = $2", Guid.Parse(personPage.TrimEnd('/').Split('/')[^1]), text);

    private static async Task<string> AddAsync(FormClient worker)
    {
        var added = await worker.SubmitAsync("/people/new", new()
        {
            ["GivenName"] = "Pat",
            ["FamilyName"] = "Resend" + Guid.NewGuid().ToString("N")[..6],
            ["DateOfBirth.Day"] = "4",
            ["DateOfBirth.Month"] = "5",
            ["DateOfBirth.Year"] = "1979",
            ["Postcode"] = "WN1 1XX",
            ["ConfirmedNew"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        return added.Response.Headers.Location!.ToString();
    }
}
