using System.ComponentModel.DataAnnotations;
using Locality.Application.Conversations;
using Locality.Application.People;
using MediatR;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

public sealed class RestForm : PersonPageForm
{
    [Display(Name = "The date to check back")]
    public DateParts CheckBackOn { get; set; } = new();

    public string? Reason { get; set; }
}

public sealed class EndRestForm : PersonPageForm
{
    public string? Reason { get; set; }
}

public sealed class LeadForm : PersonPageForm, ILeadChangeForm
{
    public Guid? NewLeadWorkerId { get; set; }

    public string? Reason { get; set; }

    public IReadOnlyList<SelectListItem> Workers { get; private set; } = [];

    /// <summary>The conversation as it is now, read for the page that checks the answers.</summary>
    public PersonPageDto? Now { get; set; }

    [BindNever]
    public Guid? Sender { get; set; }

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Workers = await SelectOptions.WorkersAsync(mediator, cancellationToken);
    }

    /// <summary>What changing the lead will do, in plain words.</summary>
    public IReadOnlyList<string> WhatWillHappen() =>
    [
        $"{CheckWords.Capital(CheckWords.WhoLeads(this, NewLeadWorkerId))} will lead the conversation with {Person?.KnownAs}.",
        CheckWords.PreviousLeadStays(this),
        "The change is recorded on their timeline" + (string.IsNullOrWhiteSpace(Reason) ? "." : ", with your reason."),
    ];
}

public sealed class AddTeamMemberForm : PersonPageForm
{
    public Guid? WorkerId { get; set; }

    public Guid? AgencyId { get; set; }

    public IReadOnlyList<SelectListItem> Workers { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Workers = await SelectOptions.WorkersAsync(mediator, cancellationToken);
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }
}

public sealed class AmendForm : PersonPageForm
{
    public Guid EntryId { get; set; }

    public string? Reason { get; set; }

    public string? CorrectedText { get; set; }

    public int AmendmentsSeen { get; set; }

    public TimelineEntryDto? Entry { get; set; }

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        var page = await mediator.Send(new GetPersonPage(PersonId), cancellationToken);
        Entry = page.Timeline.Entries.FirstOrDefault(e => e.Id == EntryId)
                ?? await FindOlderAsync(mediator, page.Timeline.OlderCursor, cancellationToken);
    }

    private async Task<TimelineEntryDto?> FindOlderAsync(IMediator mediator, string? cursor, CancellationToken cancellationToken)
    {
        while (cursor is not null)
        {
            var older = await mediator.Send(new GetTimeline(PersonId, cursor), cancellationToken);
            if (older.Entries.FirstOrDefault(e => e.Id == EntryId) is { } found)
            {
                return found;
            }

            cursor = older.OlderCursor;
        }

        return null;
    }
}
