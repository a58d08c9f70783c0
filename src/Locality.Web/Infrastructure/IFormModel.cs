using MediatR;

namespace Locality.Web.Infrastructure;

/// <summary>
/// A form's model. Its property names match the request it becomes, so a field error from the application lands
/// on the right field. When a form is shown again with errors, <see cref="LoadOptionsAsync"/> refills its lists.
/// </summary>
public interface IFormModel
{
    Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The form field a request's field is typed into, where their names differ (a date typed in parts).</summary>
    string FieldFor(string requestField) => requestField;
}
