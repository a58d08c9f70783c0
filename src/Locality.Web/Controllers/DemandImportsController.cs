using Locality.Application.Common.Security;
using Locality.Application.Demand.Imports;
using Locality.Web.Infrastructure;
using Locality.Web.Models;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Controllers;

/// <summary>Partners' demand files: a team lead or administrator uploads one, watches it run, and reads its report.</summary>
[Authorize(Roles = $"{Roles.TeamLead},{Roles.Admin}")]
[Route("/demand/imports")]
public sealed class DemandImportsController(IMediator mediator) : Controller
{
    private const long LargestUpload = 256L * 1024 * 1024 + 64 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var form = new DemandUploadForm();
        await form.LoadOptionsAsync(mediator, cancellationToken);
        return View(form);
    }

    [HttpPost("")]
    [RequestSizeLimit(LargestUpload)]
    [RequestFormLimits(MultipartBodyLengthLimit = LargestUpload)]
    public async Task<IActionResult> Index(DemandUploadForm form, CancellationToken cancellationToken)
    {
        byte[]? content = null;
        if (form.File is { Length: > 0 } file)
        {
            // Read once into an array of the file's size (a file can be 256 MB: no growing buffer copied again).
            content = new byte[file.Length];
            await using var stream = file.OpenReadStream();
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var id = await mediator.Send(new UploadDemandFile(form.AgencyId ?? Guid.Empty, null, form.File?.FileName, content), cancellationToken);
        return Redirect(Paths.DemandImport(id));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken cancellationToken, int page = 1) =>
        View(await mediator.Send(new GetDemandImport(id, page), cancellationToken));
}
