using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Organisations.Users;
using Locality.Domain.Organisations;
using Locality.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Application.Tests.Organisations;

/// <summary>What an administrator does about sign-in: accounts waiting for approval, break-glass administrators, ending sessions.</summary>
public sealed class SignInAdministrationTests(ApplicationHarness app) : IClassFixture<ApplicationHarness>
{
    [Fact]
    public async Task ApproveUser_LetsThemSignIn_InTheTeamAndWithTheRolesChosen()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);
        Assert.True(before.AwaitsApproval);
        Assert.False(before.IsActive);
        Assert.Empty(before.Roles);

        var approved = await app.SendAsync(new ApproveUser(waiting.Id.Value, admin.TeamId!.Value.Value, [Roles.KeyWorker], before.Version), admin);

        Assert.False(approved.AwaitsApproval);
        Assert.True(approved.IsActive);
        Assert.Equal([Roles.KeyWorker], approved.Roles);
        Assert.Equal(admin.TeamId!.Value.Value, approved.TeamId);
        Assert.False(await IsLockedOutAsync(waiting.Id));
    }

    [Fact]
    public async Task ApproveUser_WithAnUnknownRole_OrNoTeam_IsAFieldError_AndTheyStayWaiting()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            app.SendAsync(new ApproveUser(waiting.Id.Value, Guid.Empty, ["Superuser"], before.Version), admin));

        Assert.Equal(["Select the team they belong to"], failure.Errors["TeamId"]);
        Assert.StartsWith("Select roles from the list", failure.Errors["Roles"].Single());
        Assert.True((await app.SendAsync(new GetUser(waiting.Id.Value), admin)).AwaitsApproval);
    }

    [Fact]
    public async Task ApproveUser_OfSomeoneNotWaiting_OrFromAStaleVersion_IsAConflict()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);
        var approved = await app.SendAsync(new ApproveUser(waiting.Id.Value, before.TeamId, [Roles.KeyWorker], before.Version), admin);

        var again = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ApproveUser(waiting.Id.Value, before.TeamId, [], approved.Version), admin));
        var stale = await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new ApproveUser(waiting.Id.Value, before.TeamId, [], before.Version), admin));

        Assert.Equal("This account is not waiting for approval.", again.Message);
        Assert.Equal(ConflictKind.StaleVersion, stale.Kind);
    }

    [Fact]
    public async Task RefuseUser_KeepsTheAccountStopped_WithNoRoles()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);

        var refused = await app.SendAsync(new RefuseUser(waiting.Id.Value, before.Version), admin);

        Assert.False(refused.AwaitsApproval);
        Assert.False(refused.IsActive);
        Assert.Empty(refused.Roles);
        Assert.True(await IsLockedOutAsync(waiting.Id));
        await Assert.ThrowsAsync<ConflictException>(() => app.SendAsync(new RefuseUser(waiting.Id.Value, refused.Version), admin));
    }

    [Fact]
    public async Task SetUserActive_CannotLetInSomeoneWaitingForApproval()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new SetUserActive(waiting.Id.Value, true, before.Version), admin));

        Assert.Equal(["This account is waiting for approval. Approve it (choosing their team and roles) instead"], failure.Errors["Active"]);
        var after = await app.SendAsync(new GetUser(waiting.Id.Value), admin);
        Assert.True(after.AwaitsApproval);
        Assert.False(after.IsActive);
        Assert.True(await IsLockedOutAsync(waiting.Id));
    }

    [Fact]
    public async Task UpdateUser_CannotGiveRolesToSomeoneWaitingForApproval()
    {
        var admin = await app.CreateAdminAsync();
        var waiting = await WaitingAsync(admin);
        var before = await app.SendAsync(new GetUser(waiting.Id.Value), admin);

        await Assert.ThrowsAsync<ConflictException>(() =>
            app.SendAsync(new UpdateUser(waiting.Id.Value, before.DisplayName, before.TeamId, [Roles.Admin], before.Version), admin));

        Assert.Empty((await app.SendAsync(new GetUser(waiting.Id.Value), admin)).Roles);
    }

    [Fact]
    public async Task SetBreakGlassAdmin_IsOnlyForAdministrators_AndGoesWithTheRole()
    {
        var admin = await app.CreateAdminAsync();
        var worker = await StaffAccounts.CreateAsync(app.Services, Roles.KeyWorker);
        var other = await StaffAccounts.CreateAsync(app.Services, Roles.Admin);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => app.SendAsync(new SetBreakGlassAdmin(worker.Id.Value, true), admin));
        var named = await app.SendAsync(new SetBreakGlassAdmin(other.Id.Value, true), admin);

        Assert.Equal(["Only an administrator can be a break-glass administrator. Give them the Administrator role first"], refused.Errors["BreakGlass"]);
        Assert.False((await app.SendAsync(new GetUser(worker.Id.Value), admin)).IsBreakGlassAdmin);
        Assert.True(named.IsBreakGlassAdmin);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == other.Id.Value).Select(u => u.IsBreakGlassAdmin).SingleAsync()));

        var demoted = await app.SendAsync(new UpdateUser(other.Id.Value, named.DisplayName, named.TeamId, [Roles.TeamLead], named.Version), admin);

        Assert.False(demoted.IsBreakGlassAdmin);
        var unnamed = await app.SendAsync(new SetBreakGlassAdmin(worker.Id.Value, false), admin);
        Assert.False(unnamed.IsBreakGlassAdmin);
    }

    [Fact]
    public async Task EndUserSessions_ChangesTheirSecurityStamp_SoEveryCookieAndTokenStopsWorking()
    {
        var admin = await app.CreateAdminAsync();
        var worker = await StaffAccounts.CreateAsync(app.Services, Roles.KeyWorker);
        var before = await StampAsync(worker.Id);

        var answer = await app.SendAsync(new EndUserSessions(worker.Id.Value), admin);

        Assert.Equal(worker.Id.Value, answer.Id);
        Assert.NotEqual(before, await StampAsync(worker.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new EndUserSessions(Guid.NewGuid()), admin));
        var teamLead = await app.CreateUserAsync(Roles.TeamLead);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new EndUserSessions(worker.Id.Value), teamLead));
    }

    private async Task<StaffAccount> WaitingAsync(TestCurrentUser admin) =>
        await WaitingAccounts.CreateAsync(app.Services, admin.TeamId!.Value, admin.AgencyId!.Value);

    private Task<string?> StampAsync(UserId id) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id.Value).Select(u => u.SecurityStamp).SingleAsync());

    private async Task<bool> IsLockedOutAsync(UserId id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIdentityService>().IsLockedOutAsync(id, CancellationToken.None);
    }
}
