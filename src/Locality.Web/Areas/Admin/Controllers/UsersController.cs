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
            Current = user,
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
    [FormView("Edit")]
    [AfterConfirmingReturnTo(nameof(Edit), "id")]
    public async Task<IActionResult> Active(Guid id, UserForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var updated = await mediator.Send(new SetUserActive(id, form.Active, form.Version), cancellationToken);
        return Saved(form.Active ? $"{updated.DisplayName} can sign in again" : $"{updated.DisplayName} can no longer sign in", Paths.EditUser(id));
    }

    [HttpPost("{id:guid}/break-glass")]
    [AfterConfirmingReturnTo(nameof(Edit), "id")]
    [FormView("Edit")]
    public async Task<IActionResult> BreakGlass(Guid id, UserForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var updated = await mediator.Send(new SetBreakGlassAdmin(id, form.BreakGlass), cancellationToken);
        return Saved(
            form.BreakGlass
                ? $"{updated.DisplayName} is a break-glass administrator: they can sign in with a password and second factor even when their agency's provider is used"
                : $"{updated.DisplayName} is no longer a break-glass administrator",
            Paths.EditUser(id));
    }

    /// <summary>Signs them out everywhere at once: <c>SessionCheck</c> checks every request's security stamp, which this changes.</summary>
    [HttpPost("{id:guid}/end-sessions")]
    [AfterConfirmingReturnTo(nameof(Edit), "id")]
    [FormView("Edit")]
    public async Task<IActionResult> EndSessions(Guid id, UserForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var updated = await mediator.Send(new EndUserSessions(id), cancellationToken);
        return Saved($"{updated.DisplayName} has been signed out everywhere. They can sign in again if their account lets them", Paths.EditUser(id));
    }

    [HttpGet("{id:guid}/approve")]
    [ConfirmItIsYouFirst(typeof(ApproveUser))]
    public async Task<IActionResult> Approve(Guid id, CancellationToken cancellationToken)
    {
        var form = new ApprovalForm { Id = id };
        await form.LoadOptionsAsync(mediator, cancellationToken);
        if (form.Current is not { AwaitsApproval: true } user)
        {
            return Redirect(Paths.EditUser(id));
        }

        form.TeamId = user.TeamId;
        form.Version = user.Version;
        return View(form);
    }

    [HttpPost("{id:guid}/approve")]
    public async Task<IActionResult> Approve(Guid id, ApprovalForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var approved = await mediator.Send(new ApproveUser(id, form.TeamId ?? Guid.Empty, form.Roles, form.Version), cancellationToken);
        return Saved($"{approved.DisplayName} is approved and can now sign in", Paths.Users);
    }

    [HttpPost("{id:guid}/refuse")]
    [AfterConfirmingReturnTo(nameof(Approve), "id")]
    [FormView("Approve")]
    public async Task<IActionResult> Refuse(Guid id, ApprovalForm form, CancellationToken cancellationToken)
    {
        form.Id = id;
        var refused = await mediator.Send(new RefuseUser(id, form.Version), cancellationToken);
        return Saved($"{refused.DisplayName} was refused and cannot sign in", Paths.Users);
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
