using Locality.Application.People;
using Locality.Web.Infrastructure;
using MediatR;

namespace Locality.Web.Models;

/// <summary>A form about one person: it carries who they are (and their safety notes) for the top of the page.</summary>
public abstract class PersonPageForm : IFormModel
{
    public Guid PersonId { get; set; }

    public PersonHeaderDto? Person { get; private set; }

    public virtual async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Person = await mediator.Send(new GetPersonHeader(PersonId), cancellationToken);

    public virtual string FieldFor(string requestField) => requestField;
}
