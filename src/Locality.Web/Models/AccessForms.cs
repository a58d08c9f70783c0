using System.ComponentModel.DataAnnotations;
using Locality.Application.Access;
using Locality.Application.Conversations;
using Locality.Application.People;
using Locality.Application.Sharing;
using Locality.Domain.Access;
using Locality.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>
/// Opening, in an emergency, the record of someone the worker is not in the team around. It shows nothing about the
/// person: the worker has not been given access yet.
/// </summary>
public sealed class BreakGlassForm : IFormModel
{
    public Guid PersonId { get; set; }

    public string? Reason { get; set; }
}

public sealed class ConsentForm : PersonPageForm
{
    public ConsentDecision? Decision { get; set; }

    public List<Guid> AgencyIds { get; set; } = [];

    public List<RecordSection> Sections { get; set; } = [];

    public ConsentMethod? Method { get; set; }

    [Display(Name = "The date to check again")]
    public DateParts ReviewOn { get; set; } = new();

    public string? Note { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }
}

public sealed class LawfulBasisForm : PersonPageForm
{
    public Guid? AgencyId { get; set; }

    public LawfulBasisKind? Kind { get; set; }

    public List<RecordSection> Sections { get; set; } = [];

    public string? Reason { get; set; }

    public string? DecidedBy { get; set; }

    [Display(Name = "The start date")]
    public DateParts StartsOn { get; set; } = new();

    [Display(Name = "The end date")]
    public DateParts EndsOn { get; set; } = new();

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }
}

public sealed class RestrictForm : PersonPageForm
{
    public Guid EntryId { get; set; }

    public List<string> Roles { get; set; } = [];

    public List<Guid> UserIds { get; set; } = [];

    public string? Reason { get; set; }

    public TimelineEntryDto? Entry { get; private set; }

    public IReadOnlyList<SelectListItem> People { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        var page = await mediator.Send(new GetPersonPage(PersonId), cancellationToken);
        People = page.CurrentTeam.Where(m => m.WorkerId is not null)
            .Select(m => new SelectListItem($"{m.WorkerName} ({m.AgencyName})", m.WorkerId.ToString()))
            .ToList();
        Entry = page.Timeline.Entries.FirstOrDefault(e => e.Id == EntryId);
        var cursor = page.Timeline.OlderCursor;
        while (Entry is null && cursor is not null)
        {
            var older = await mediator.Send(new GetTimeline(PersonId, cursor), cancellationToken);
            Entry = older.Entries.FirstOrDefault(e => e.Id == EntryId);
            cursor = older.OlderCursor;
        }
    }
}

/// <summary>What a partner agency adds to a shared person's timeline.</summary>
public sealed class SharedContributionForm : IFormModel
{
    public Guid PersonId { get; set; }

    public string? Text { get; set; }

    public SharedPersonDto? Person { get; private set; }

    public async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken) =>
        Person = await mediator.Send(new GetSharedPerson(PersonId), cancellationToken);
}

public sealed record AccessLogModel(PersonHeaderDto Person, AccessLogPage Log);

public sealed record PersonSharingModel(PersonHeaderDto Person, PersonSharingDto Sharing);

public sealed record SharedPeopleModel(string? Name, IReadOnlyList<SharedPersonSummaryDto> People);
