using System.ComponentModel.DataAnnotations;
using Locality.Domain.Community;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

public sealed class CommunityGroupForm : Infrastructure.IFormModel
{
    public Guid? Id { get; set; }

    public Guid? LocalityId { get; set; }

    public string? Name { get; set; }

    public GroupKind? Kind { get; set; }

    public string? Offer { get; set; }

    public string? WhenAndWhere { get; set; }

    public string? Contact { get; set; }

    public string? Accessibility { get; set; }

    [Display(Name = "The date it was last checked")]
    public DateParts LastCheckedOn { get; set; } = new();

    public uint Version { get; set; }

    public IReadOnlyList<SelectListItem> Localities { get; private set; } = [];

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Localities = (await mediator.Send(new Application.Organisations.Localities.GetLocalities(), cancellationToken))
            .Select(l => new SelectListItem(l.Name, l.Id.ToString())).ToList();
}
