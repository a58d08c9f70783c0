using System.Buffers.Text;
using Locality.Infrastructure.Identity;
using Locality.Web.Controllers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.ViewComponents;

/// <summary>"Your passkeys" on "Your sign-in": the list, a remove button for each, and adding one.</summary>
public sealed class PasskeysViewComponent(UserManager<ApplicationUser> users) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = await users.GetUserAsync(HttpContext.User);
        var passkeys = user is null ? [] : await users.GetPasskeysAsync(user);
        var items = passkeys
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyListItem(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt))
            .ToList();
        return View("~/Views/Passkeys/_Passkeys.cshtml", new PasskeyListModel(items, PasskeysController.MostPasskeys, PasskeysController.LongestName));
    }
}
