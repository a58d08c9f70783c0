using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.People;

public sealed class FindAndMergeTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Theory]
    [InlineData("Rob Haworth{0}")] // the given name shortened
    [InlineData("Bobby Haworth{0}")] // close to the preferred name
    [InlineData("Robert Haworht{0}")] // a typo
    [InlineData("haworth{0}")] // family name alone, lower case
    public async Task FindPeople_ByName_ToleratesTyposAndPreferredNames(string query)
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var tag = Guid.NewGuid().ToString("N")[..3];
        var person = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request("Robert", "Haworth" + tag, "Bobby"));

        var found = await app.SendAsync(new FindPeople(Name: string.Format(System.Globalization.CultureInfo.InvariantCulture, query, tag)), worker);

        Assert.Contains(found, p => p.Id == person.Id);
        Assert.Equal("Bobby Haworth" + tag, found.First(p => p.Id == person.Id).KnownAs);
    }

    [Fact]
    public async Task FindPeople_ByNhsNumber_WithOrWithoutSpaces()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: "4857773414"));

        Assert.Equal(person.Id, Assert.Single(await app.SendAsync(new FindPeople(NhsNumber: "485 777 3414"), worker)).Id);
        Assert.Equal(person.Id, Assert.Single(await app.SendAsync(new FindPeople(NhsNumber: "4857773414"), worker)).Id);
    }

    [Fact]
    public async Task FindPeople_ByDateOfBirthAndPostcode_TellsPeopleApart()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var dob = new DateOnly(1961, 7, 30);
        var here = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(dob: dob, postcode: "OL11 3DE"));
        var there = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(dob: dob, postcode: "OL12 7LB"));

        var byDob = await app.SendAsync(new FindPeople(DateOfBirth: dob), worker);
        var both = await app.SendAsync(new FindPeople(DateOfBirth: dob, Postcode: "ol113de"), worker);

        Assert.Contains(byDob, p => p.Id == here.Id);
        Assert.Contains(byDob, p => p.Id == there.Id);
        Assert.Equal(here.Id, Assert.Single(both).Id);
        Assert.Equal("OL11 3DE", Assert.Single(both).Postcode);
    }

    [Fact]
    public async Task FindPeople_WithNothingToSearchFor_OrABadNhsNumber_IsAFieldError()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new FindPeople(), worker));
        var badNhs = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new FindPeople(NhsNumber: "123"), worker));

        Assert.Equal(["Enter a name, an NHS number, a date of birth or a postcode"], empty.Errors["Name"]);
        Assert.Contains("not a valid NHS number", badNhs.Errors["NhsNumber"].Single());
    }

    [Fact]
    public async Task MergePeople_MovesEverythingToTheSurvivor_AndTheOldIdStillOpensIt()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var other = await app.CreateUserAsync(Roles.KeyWorker);
        var survivor = await PeopleMaker.AddAsync(app, worker);
        var duplicate = await PeopleMaker.AddAsync(app, other);
        await app.SendAsync(new AddTeamMember(duplicate.Id, worker.UserId!.Value.Value, null), other);
        await app.SendAsync(new AddNote(duplicate.Id, "Noted on the duplicate record"), other);
        await app.SendAsync(new PassOn(duplicate.Id, "Housing options", null, "Facing eviction"), other);

        var result = await app.SendAsync(new MergePeople(survivor.Id, duplicate.Id, "Same person: same NHS number on a GP letter"), worker);

        Assert.Equal(survivor.Id, result.Id);
        var page = await app.SendAsync(new GetPersonPage(duplicate.Id), worker);
        Assert.Equal(survivor.Id, page.Person.Id);
        Assert.Equal(1, page.HandOffCount);
        Assert.Contains(page.Timeline.Entries, e => e.Text == "Noted on the duplicate record");
        Assert.Contains(page.Timeline.Entries, e => e.Kind == EntryKind.RecordMerged);
        Assert.Contains(page.CurrentTeam, m => m.WorkerId == other.UserId!.Value.Value && m.Role == MemberRole.Worker);
        var audit = await app.WithDbAsync(db => db.PersonMerges.SingleAsync(m => m.MergedId == new PersonId(duplicate.Id)));
        Assert.Equal((new PersonId(survivor.Id), worker.UserId!.Value.Value), (audit.SurvivorId, audit.MergedBy!.Value.Value));
        Assert.Equal(4, audit.EntriesMoved); // opened, the worker joining, the note, the hand-off
        Assert.Empty(await app.SendAsync(new FindPeople(Name: duplicate.FamilyName), worker));
    }

    [Fact]
    public async Task MergePeople_IntoItself_IsAFieldError_AndSoIsARecordAlreadyMergedIntoIt()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);
        var duplicate = await PeopleMaker.AddAsync(app, worker);
        await app.SendAsync(new MergePeople(person.Id, duplicate.Id, "Same person"), worker);

        var itself = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new MergePeople(person.Id, person.Id, "Oops"), worker));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new MergePeople(person.Id, duplicate.Id, "Again"), worker));

        Assert.Contains("cannot be merged into itself", itself.Errors["MergedId"].Single());
        Assert.Contains("cannot be merged into itself", again.Errors["MergedId"].Single());
    }
}
