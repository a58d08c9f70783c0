using Locality.Application.Organisations.Users;
using Locality.Web.Areas.Admin.Models;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

[Route("/admin/users")]
public sealed class UsersController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetUsers(), cancellationToken));

    [HttpGet("new")]
    [ConfirmItIsYouFirst(typeof(CreateUser))]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var form = new UserForm();
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(UserForm form, CancellationToken cancellationToken)
    {
        var created = await mediator.Send(
            new CreateUser(form.DisplayName ?? string.Empty, form.Email ?? string.Empty, form.TeamId ?? Guid.Empty, form.Roles, form.Password ?? string.Empty),
            cancellationToken);
        return Saved($"{created.DisplayName} can now sign in", Paths.Users);
    }

    [HttpGet("{id:guid}/edit")]
    [ConfirmItIsYouFirst(typeof(UpdateUser))]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var user = await mediator.Send(new GetUser(id), cancellationToken);
        var form = new UserForm
        {
            Id = user.Id,
            DisplayName = user.DisplayName,
            Email = user.Email,
            TeamId = user.TeamId,
            Roles = [.. user.Roles],
            Version = user.Version,
            IsActive = user.IsActive,
        };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, UserForm form, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(
            new UpdateUser(id, form.DisplayName ?? string.Empty, form.TeamId ?? Guid.Empty, form.Roles, form.Version), cancellationToken);
        return Saved($"{updated.DisplayName} saved", Paths.Users);
    }

    [HttpPost("{id:guid}/active")]
    [AfterConfirmingReturnTo(nameof(Edit), "id")]
    public async Task<IActionResult> Active(Guid id, bool active, uint version, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(new SetUserActive(id, active, version), cancellationToken);
        return Saved(active ? $"{updated.DisplayName} can sign in again" : $"{updated.DisplayName} can no longer sign in", Paths.EditUser(id));
    }

    [HttpGet("{id:guid}/password")]
    [ConfirmItIsYouFirst(typeof(ResetUserPassword))]
    public IActionResult Password(Guid id) => View(new PasswordForm { Id = id });

    [HttpPost("{id:guid}/password")]
    public async Task<IActionResult> Password(Guid id, PasswordForm form, CancellationToken cancellationToken)
    {
        var updated = await mediator.Send(new ResetUserPassword(id, form.NewPassword ?? string.Empty), cancellationToken);
        return Saved($"{updated.DisplayName}'s password was changed. Tell them the new one in person or by phone.", Paths.EditUser(id));
    }
}
