using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.Users;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Identity;
using Locality.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application.Tests.Organisations;

public sealed class UserTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    private const string GoodPassword = "a long enough passphrase";

    [Fact]
    public async Task CreateUser_MakesAStaffMemberWhoCanSignInWithTheirRoles()
    {
        var admin = await app.CreateAdminAsync();
        var email = $"Sam.Okafor.{Guid.NewGuid():N}@Example.gov.uk";

        var user = await app.SendAsync(new CreateUser("Sam Okafor", email, admin.TeamId!.Value.Value, [Roles.KeyWorker, Roles.TeamLead], GoodPassword), admin);

        Assert.Equal(email.ToLowerInvariant(), user.Email);
        Assert.Equal([Roles.KeyWorker, Roles.TeamLead], user.Roles);
        Assert.True(user.IsActive);
        Assert.True(await PasswordWorksAsync(user.Id, GoodPassword));
    }

    [Fact]
    public async Task CreateUser_WithAShortPassword_IsAFieldErrorAndNothingIsSaved()
    {
        var admin = await app.CreateAdminAsync();
        var email = $"short.{Guid.NewGuid():N}@example.gov.uk";

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateUser("Pat Short", email, admin.TeamId!.Value.Value, [Roles.KeyWorker], "short"), admin));

        Assert.Contains("at least 12 characters", failure.Errors["Password"].Single());
        var all = await app.SendAsync(new GetUsers(), admin);
        Assert.DoesNotContain(all, u => u.Email == email);
    }

    [Fact]
    public async Task CreateUser_WithBadFields_NamesEachOne()
    {
        var admin = await app.CreateAdminAsync();

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateUser("", "not-an-email", Guid.NewGuid(), ["Superuser"], GoodPassword), admin));

        Assert.Equal(["Enter their name"], failure.Errors["DisplayName"]);
        Assert.Equal(["Enter an email address in the correct format, like name@example.gov.uk"], failure.Errors["Email"]);
        Assert.Equal(["Select a team from the list"], failure.Errors["TeamId"]);
        Assert.StartsWith("Select roles from the list", failure.Errors["Roles"].Single());
    }

    [Fact]
    public async Task CreateUser_WithAnEmailSomeoneAlreadyUses_IsAFieldError()
    {
        var admin = await app.CreateAdminAsync();
        var email = $"twice.{Guid.NewGuid():N}@example.gov.uk";
        await app.SendAsync(new CreateUser("First", email, admin.TeamId!.Value.Value, [Roles.KeyWorker], GoodPassword), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new CreateUser("Second", email.ToUpperInvariant(), admin.TeamId!.Value.Value, [Roles.KeyWorker], GoodPassword), admin));

        Assert.Equal(["Someone already signs in with this email address"], failure.Errors["Email"]);
    }

    [Fact]
    public async Task UpdateUser_ReplacesTheirRoles()
    {
        var admin = await app.CreateAdminAsync();
        var user = await app.SendAsync(new CreateUser("Lee Grant", $"lee.{Guid.NewGuid():N}@example.gov.uk", admin.TeamId!.Value.Value, [Roles.KeyWorker], GoodPassword), admin);

        var updated = await app.SendAsync(new UpdateUser(user.Id, "Lee Grant-Ashton", user.TeamId, [Roles.TeamLead], user.Version), admin);

        Assert.Equal("Lee Grant-Ashton", updated.DisplayName);
        Assert.Equal([Roles.TeamLead], updated.Roles);
    }

    [Fact]
    public async Task SetUserActive_False_StopsThemSigningIn_AndTrueLetsThemBackIn()
    {
        var admin = await app.CreateAdminAsync();
        var user = await app.SendAsync(new CreateUser("Jo Marsh", $"jo.{Guid.NewGuid():N}@example.gov.uk", admin.TeamId!.Value.Value, [Roles.KeyWorker], GoodPassword), admin);

        var stopped = await app.SendAsync(new SetUserActive(user.Id, false, user.Version), admin);
        Assert.False(stopped.IsActive);
        Assert.True(await IsLockedOutAsync(user.Id));

        var restored = await app.SendAsync(new SetUserActive(user.Id, true, stopped.Version), admin);
        Assert.True(restored.IsActive);
        Assert.False(await IsLockedOutAsync(user.Id));
    }

    [Fact]
    public async Task SetUserActive_OnYourself_IsRefused()
    {
        var admin = await app.CreateAdminAsync();
        var self = await app.SendAsync(new CreateUser("Ada Self", $"ada.{Guid.NewGuid():N}@example.gov.uk", admin.TeamId!.Value.Value, [Roles.Admin], GoodPassword), admin);
        var asSelf = admin with { UserId = new UserId(self.Id) };

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new SetUserActive(self.Id, false, self.Version), asSelf));

        Assert.Contains("cannot stop yourself", conflict.Message);
    }

    [Fact]
    public async Task ResetUserPassword_ChangesThePassword()
    {
        var admin = await app.CreateAdminAsync();
        var user = await app.SendAsync(new CreateUser("Kit Lowe", $"kit.{Guid.NewGuid():N}@example.gov.uk", admin.TeamId!.Value.Value, [Roles.KeyWorker], GoodPassword), admin);

        await app.SendAsync(new ResetUserPassword(user.Id, "another long passphrase"), admin);

        Assert.False(await PasswordWorksAsync(user.Id, GoodPassword));
        Assert.True(await PasswordWorksAsync(user.Id, "another long passphrase"));
    }

    [Fact]
    public async Task GetCurrentUser_ReturnsTheirTeamAndAgency()
    {
        var worker = await app.CreateUserAsync(Roles.KeyWorker);

        var me = await app.SendAsync(new GetCurrentUser(), worker);

        Assert.Equal(worker.UserId!.Value.Value, me.Id);
        Assert.Equal(worker.AgencyId!.Value.Value, me.AgencyId);
        Assert.Equal([Roles.KeyWorker], me.Roles);
    }

    private async Task<bool> PasswordWorksAsync(Guid id, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id.ToString());
        return user is not null && await users.CheckPasswordAsync(user, password);
    }

    private async Task<bool> IsLockedOutAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIdentityService>().IsLockedOutAsync(new UserId(id), CancellationToken.None);
    }
}
