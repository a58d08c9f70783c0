using Locality.Application.Access;
using Locality.Application.Common.Time;
using Locality.Web.Areas.Admin.Models;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Areas.Admin.Controllers;

/// <summary>The audit of every look at and change to people's records, searched by who, whose record and when.</summary>
[Route("/admin/audit")]
public sealed class AuditController(IMediator mediator) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(AuditSearchForm form, CancellationToken cancellationToken)
    {
        await form.LoadOptionsAsync(mediator, cancellationToken);
        var (from, to) = (form.From.Date, form.To.Date);
        Guid? person = null;
        if (!string.IsNullOrWhiteSpace(form.PersonId))
        {
            if (Guid.TryParse(form.PersonId.Trim(), out var id))
            {
                person = id;
            }
            else
            {
                ModelState.AddModelError(nameof(form.PersonId), "Enter the person's Locality id as shown in the address of their page, like 0193c1a2-…");
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        form.Results = await mediator.Send(
            new SearchAudit(form.UserId, person, StartOf(from), StartOf(to?.AddDays(1)), Math.Max(1, form.Page)),
            cancellationToken);
        return View(form);
    }

    private static DateTimeOffset? StartOf(DateOnly? day) => day is { } d ? UkCalendar.InstantOf(d, TimeOnly.MinValue) : null;
}
