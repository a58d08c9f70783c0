using Locality.Application.People;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>A form that can change who leads the conversation: what its page checking the answers needs to say so.</summary>
public interface ILeadChangeForm
{
    /// <summary>The conversation as it is before the change.</summary>
    PersonPageDto? Now { get; }

    /// <summary>Who is signed in, so the page can say "you".</summary>
    Guid? Sender { get; }

    IReadOnlyList<SelectListItem> Workers { get; }

    Guid? NewLeadWorkerId { get; }
}
