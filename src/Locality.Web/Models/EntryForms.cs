using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Locality.Application.Common.Time;
using Locality.Application.People;
using Locality.Domain.Conversations;
using MediatR;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

/// <summary>
/// A form recording something that happened: when (today by default, or earlier), to the minute if known. A time that
/// cannot be read, or one later today, is reported with the form's other errors.
/// </summary>
public abstract class EntryForm : PersonPageForm, IValidatableObject
{
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "h:mmtt", "htt", "h.mmtt", "H.mm"];

    [Display(Name = "The date it happened")]
    public DateParts OccurredOn { get; set; } = new();

    public string? OccurredTime { get; set; }

    /// <summary>The time typed, or none if it was left blank or cannot be read.</summary>
    public TimeOnly? Time =>
        !string.IsNullOrWhiteSpace(OccurredTime)
        && TimeOnly.TryParseExact(OccurredTime.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;

    public override string FieldFor(string requestField) => requestField == "OccurredAt" ? nameof(OccurredOn) : requestField;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(OccurredTime))
        {
            yield break;
        }

        if (Time is not { } time)
        {
            yield return new ValidationResult("Enter the time it happened like 14:30 or 2:30pm", [nameof(OccurredTime)]);
            yield break;
        }

        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var now = clock.Now();
        var day = OccurredOn.IsEmpty ? now.Today : OccurredOn.Date;
        if (day == now.Today && UkCalendar.InstantOf(now.Today, time) > now.Now.AddMinutes(1))
        {
            yield return new ValidationResult("The time it happened must be now or earlier: it cannot be later today", [nameof(OccurredTime)]);
        }
    }
}

public sealed class ConversationForm : EntryForm
{
    public ContactMethod? Method { get; set; }

    public string? Text { get; set; }

    public string? Location { get; set; }

    public string? WhoWasThere { get; set; }
}

public sealed class AttemptForm : EntryForm
{
    public ContactMethod? Method { get; set; }

    public ContactOutcome? Outcome { get; set; }

    public string? Text { get; set; }
}

public sealed class NoteForm : EntryForm
{
    public string? Text { get; set; }
}

public sealed class PartnerContributionForm : EntryForm
{
    public Guid? FromAgencyId { get; set; }

    public string? Text { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }
}

public sealed class PassOnForm : EntryForm, ILeadChangeForm
{
    public string? ToService { get; set; }

    public Guid? ToAgencyId { get; set; }

    public string? Reason { get; set; }

    public bool LeadKeepsConversation { get; set; } = true;

    public Guid? NewLeadWorkerId { get; set; }

    public IReadOnlyList<SelectListItem> Workers { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    /// <summary>The conversation as it is now, read for the page that checks the answers.</summary>
    public PersonPageDto? Now { get; set; }

    [BindNever]
    public Guid? Sender { get; set; }

    /// <summary>The agency chosen, by name, or none.</summary>
    public string? AgencyName => Agencies.FirstOrDefault(a => a.Value == ToAgencyId?.ToString())?.Text;

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        Workers = await SelectOptions.WorkersAsync(mediator, cancellationToken);
        Agencies = await SelectOptions.AgenciesAsync(mediator, cancellationToken);
    }

    /// <summary>What passing them on will do, in plain words.</summary>
    public IReadOnlyList<string> WhatWillHappen()
    {
        var sentences = new List<string>
        {
            $"{Person?.KnownAs} will be passed on to {ToService?.Trim()}{(AgencyName is { } agency ? $" ({agency})" : string.Empty)}.",
        };
        if (LeadKeepsConversation)
        {
            sentences.Add(CheckWords.IsSender(this, Now?.LeadWorkerId)
                ? "You keep the conversation: you are still their lead key worker."
                : $"{Now?.LeadWorkerName} keeps the conversation as their lead key worker.");
        }
        else
        {
            sentences.Add($"{CheckWords.Capital(CheckWords.WhoLeads(this, NewLeadWorkerId))} will lead the conversation from now.");
            sentences.Add(CheckWords.PreviousLeadStays(this));
        }

        if (AgencyName is { } joining && Now?.CurrentTeam.Any(m => m.WorkerId is null && m.AgencyId == ToAgencyId) != true)
        {
            sentences.Add($"{joining} joins the team around them.");
        }

        var times = (Person?.HandOffCount ?? 0) + 1;
        sentences.Add($"It is recorded on their timeline with your reason, and counted: they will have been passed on {CheckWords.Times(times)}, across all agencies.");
        return sentences;
    }
}
