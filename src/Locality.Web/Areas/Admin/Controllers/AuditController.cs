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
        form.Results = await mediator.Send(
            new GetAuditRecords(form.UserId, form.Person, StartOf(from), StartOf(to?.AddDays(1)), Math.Max(1, form.Page)),
            cancellationToken);
        return View(form);
    }

    private static DateTimeOffset? StartOf(DateOnly? day) => day is { } d ? UkCalendar.InstantOf(d, TimeOnly.MinValue) : null;
}
