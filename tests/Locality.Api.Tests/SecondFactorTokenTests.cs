using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Locality.Application.Common.Security;
using Locality.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Locality.Api.Tests;

/// <summary>The API's token endpoint asks for the second factor too: a code from the authenticator app, or a recovery code.</summary>
public sealed class SecondFactorTokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Token_WithoutACode_Is400NamingTheCode()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);

        var answer = await api.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Enter the code from your authenticator app, or a recovery code", errors.GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task Token_WithAWrongCode_AndWithAReusedOne_Is401AsForAWrongPassword()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var client = api.CreateClient();
        var code = account.NextCode(api.Clock.GetUtcNow());
        var wrongCode = code == "000000" ? "111111" : "000000";

        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = wrongCode });
        var right = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code });
        var reused = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code });
        var wrongPassword = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = "not the password", code = wrongCode });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        var title = await TitleOf(wrongPassword);
        Assert.Equal(title, await TitleOf(wrong));
        Assert.Equal(title, await TitleOf(reused));
    }

    [Fact]
    public async Task Token_WithARecoveryCode_WorksOnce()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        await using var scope = api.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(account.Id.Value.ToString());
        var codes = await scope.ServiceProvider.GetRequiredService<SecondFactors>().NewRecoveryCodesAsync(user!);
        var client = api.CreateClient();

        var first = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, recoveryCode = codes[0] });
        var again = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, recoveryCode = codes[0] });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Token_ForAnAccountWithNoSecondFactorYet_SaysToSetOneUpOnTheWeb()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(account.Id.Value.ToString());
            await users.SetTwoFactorEnabledAsync(user!, false);
        }

        var answer = await api.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = "123456" });

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Set up a second factor first", await TitleOf(answer));
    }

    [Fact]
    public async Task FiveWrongCodes_LockTheAccount_ForTheWebToo()
    {
        var account = await api.CreateAccountAsync(Roles.KeyWorker);
        var client = api.CreateClient();
        var now = api.Clock.GetUtcNow();
        var wrongCode = account.WrongCode(now);
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = wrongCode });
        }

        var rightCode = await client.PostAsJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password, code = account.NextCode(now) });

        Assert.Equal(HttpStatusCode.Unauthorized, rightCode.StatusCode);
    }

    private static async Task<string?> TitleOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
}
