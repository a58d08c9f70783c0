using Locality.Application.Organisations.Agencies;
using Locality.Application.Organisations.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

internal static class SelectOptions
{
    public static async Task<IReadOnlyList<SelectListItem>> AgenciesAsync(IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetAgencies(), cancellationToken)).Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToList();

    public static async Task<IReadOnlyList<SelectListItem>> WorkersAsync(IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetWorkers(), cancellationToken)).Select(w => new SelectListItem($"{w.DisplayName} ({w.TeamName})", w.Id.ToString())).ToList();
}
