using Locality.Application.People;
using MediatR;

namespace Locality.Web.Models;

public sealed class MergeForm : PersonPageForm
{
    public string? Search { get; set; }

    public Guid? MergedId { get; set; }

    public string? Reason { get; set; }

    public IReadOnlyList<PersonSummaryDto> Candidates { get; set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            Candidates = (await mediator.Send(new FindPeople(Name: Search), cancellationToken)).Where(p => p.Id != PersonId).ToList();
        }
    }
}
