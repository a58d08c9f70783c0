using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Locality.Application.People;
using Locality.Domain.Conversations;
using Locality.Domain.People;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Tests.People;

public sealed class AddPersonTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task AddPerson_OpensExactlyOneConversation_WithTheWorkerAsLead()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var person = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: "943 476 5919", postcode: "wn1 1xx") with { ConfirmedNew = true });

        Assert.Equal("943 476 5919", person.NhsNumber);
        Assert.Equal("WN1 1XX", person.Postcode);
        var (conversations, entries, row) = await app.WithDbAsync(async db => (
            await db.Conversations.Include(c => c.Members).Where(c => c.PersonId == new PersonId(person.Id)).ToListAsync(),
            await db.TimelineEntries.Where(e => e.PersonId == new PersonId(person.Id)).ToListAsync(),
            await db.People.SingleAsync(p => p.Id == new PersonId(person.Id))));
        var conversation = Assert.Single(conversations);
        Assert.Equal(worker.UserId, conversation.LeadWorkerId);
        Assert.Equal(MemberRole.Lead, Assert.Single(conversation.Members).Role);
        Assert.Equal(EntryKind.Opened, Assert.Single(entries).Kind);
        Assert.Equal("9434765919", row.NhsNumber);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("943476591")]
    [InlineData("1000000010")]
    public async Task AddPerson_WithAnNhsNumberThatFailsTheCheck_SaysItIsNotAValidNhsNumber(string nhs)
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: nhs)));

        Assert.Contains("not a valid NHS number", Assert.Single(failure.Errors["NhsNumber"]));
    }

    [Fact]
    public async Task AddPerson_WithBadDetails_NamesEveryFieldAndAddsNothing()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => PeopleMaker.AddAsync(app, worker,
            PeopleMaker.Request(postcode: "WN1 1CX") with { GivenName = "", DateOfBirth = today.AddDays(2), Uprn = "12AB", Email = "not an email", Phone = "call me" }));

        Assert.Equal(["Enter their given name"], failure.Errors["GivenName"]);
        Assert.Equal(["Date of birth must be in the past"], failure.Errors["DateOfBirth"]);
        Assert.Equal(["Enter a full UK postcode, like WN1 1XX"], failure.Errors["Postcode"]);
        Assert.Single(failure.Errors["Uprn"]);
        Assert.Single(failure.Errors["Email"]);
        Assert.Single(failure.Errors["Phone"]);
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task AddPerson_BornMoreThan120YearsAgo_IsRefused()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(dob: new DateOnly(1900, 1, 1))));

        Assert.Equal(["Date of birth must be within the last 120 years"], failure.Errors["DateOfBirth"]);
    }

    [Fact]
    public async Task AddPerson_WithNeitherDateOfBirthNorAge_AsksForOne_ButAnApproximateAgeIsEnough()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            PeopleMaker.AddAsync(app, worker, PeopleMaker.Request() with { DateOfBirth = null }));
        var person = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(age: 45) with { DateOfBirth = null });

        Assert.Equal(["Enter their date of birth, or their approximate age if you do not know it"], failure.Errors["DateOfBirth"]);
        Assert.Equal(45, person.Age);
        Assert.Null(person.DateOfBirth);
    }

    [Fact]
    public async Task AddPerson_WithVeryLongText_SaysHowLongItMayBe()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            PeopleMaker.AddAsync(app, worker, PeopleMaker.Request() with { SafetyNotes = new string('x', 4001), FamilyName = new string('y', 101) }));

        Assert.Equal(["Safety notes must be 4000 characters or fewer"], failure.Errors["SafetyNotes"]);
        Assert.Equal(["Their family name must be 100 characters or fewer"], failure.Errors["FamilyName"]);
    }

    [Fact]
    public async Task AddPerson_KeepsHtmlExactlyAsTyped()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        const string typed = "<script>alert('x')</script> & <b>bold</b>";

        var person = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request() with { WhatMattersToMe = typed });

        Assert.Equal(typed, person.WhatMattersToMe);
    }

    [Fact]
    public async Task AddPerson_WithASimilarNameAndTheSameDateOfBirth_ShowsTheLikelyMatchFirst()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var family = "Greenhalgh" + Guid.NewGuid().ToString("N")[..4];
        var existing = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request("Jonathan", family, "Jon", new DateOnly(1979, 5, 14), postcode: "WN5 9AB"));

        var stopped = await Assert.ThrowsAsync<LikelyMatchesException>(() => PeopleMaker.AddAsync(app, worker,
            PeopleMaker.Request("Johnathan", family, null, new DateOnly(1979, 5, 14), postcode: "NE8 1HH", confirmedNew: false)));

        var match = Assert.Single(stopped.Matches);
        Assert.Equal(existing.Id, match.Person.Id);
        Assert.True(match.SameDateOfBirth);
        Assert.False(match.SamePostcode);
        Assert.True(stopped.CanConfirmAsNew);
    }

    [Fact]
    public async Task AddPerson_ConfirmedAsSomeoneNew_IsAddedDespiteTheMatch()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var family = "Pennington" + Guid.NewGuid().ToString("N")[..4];
        await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request("Mary", family, null, new DateOnly(1990, 2, 2), postcode: "WN2 4QQ"));

        var second = await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request("Marie", family, null, new DateOnly(1985, 3, 3), postcode: "WN2 4QQ", confirmedNew: true));

        Assert.Equal("Marie", second.GivenName);
    }

    [Fact]
    public async Task AddPerson_WithAnNhsNumberAlreadyRecorded_CannotBeConfirmedAsNew()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        await PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: "4010232080"));

        var stopped = await Assert.ThrowsAsync<LikelyMatchesException>(() =>
            PeopleMaker.AddAsync(app, worker, PeopleMaker.Request(nhs: "401 023 2080", confirmedNew: true)));

        Assert.True(Assert.Single(stopped.Matches).SameNhsNumber);
        Assert.False(stopped.CanConfirmAsNew);
    }

    [Fact]
    public async Task ASecondConversationForTheSamePerson_IsRefusedByTheDatabase()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);
        var person = await PeopleMaker.AddAsync(app, worker);

        var clash = await Assert.ThrowsAsync<ConflictException>(() => app.WithDbAsync(async db =>
        {
            var (second, _) = Conversation.Open(new PersonId(person.Id), worker.UserId!.Value, worker.AgencyId!.Value, new Author(worker.UserId, worker.AgencyId), app.Clock.GetUtcNow());
            db.Conversations.Add(second);
            await db.SaveChangesAsync();
        }));

        Assert.Equal(ConflictKind.Duplicate, clash.Kind);
    }

    [Fact]
    public async Task PeopleRecords_AreNotForAdministratorsOrPartnersYet()
    {
        var admin = await app.CreateAdminAsync();
        var partner = await app.CreateUserAsync(Roles.PartnerViewer);

        await Assert.ThrowsAsync<ForbiddenException>(() => PeopleMaker.AddAsync(app, admin));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new FindPeople("Smith"), partner));
    }
}
