using Locality.Application.Demand.Imports;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>Uploading a partner's CSV file of demand events, on behalf of the agency they fell on.</summary>
public sealed class DemandUploadForm : IFormModel
{
    public Guid? AgencyId { get; set; }

    public IFormFile? File { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public IReadOnlyList<DemandImportDto> Recent { get; private set; } = [];

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
        Recent = await mediator.Send(new GetDemandImports(), cancellationToken);
    }
}
