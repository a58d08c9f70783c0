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

/// <summary>The words for sharing, consent and access, as a person would be happy to read them.</summary>
public static class AccessWords
{
    public static IReadOnlyList<SelectListItem> SectionChoices { get; } =
        Enum.GetValues<RecordSection>().Select(s => new SelectListItem(SectionNames.Name(s), s.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> KeepToRoles { get; } =
    [
        new("Key workers", Application.Common.Security.Roles.KeyWorker),
        new("Team leads", Application.Common.Security.Roles.TeamLead),
    ];

    public static string Sections(IReadOnlyCollection<RecordSection> sections) =>
        sections.Count == 0 ? "Nothing" : SectionNames.Describe(sections);

    public static string Decision(ConsentDecision decision) => decision switch
    {
        ConsentDecision.Given => "Agreed to share",
        ConsentDecision.Refused => "Said no to sharing",
        ConsentDecision.Withdrawn => "Withdrew their agreement",
        _ => decision.ToString(),
    };

    public static string Method(ConsentMethod method) => method switch
    {
        ConsentMethod.Verbal => "Told us",
        ConsentMethod.Written => "In writing",
        _ => "Another way",
    };

    public static string Basis(LawfulBasisKind kind) => kind switch
    {
        LawfulBasisKind.Safeguarding => "Safeguarding",
        LawfulBasisKind.PreventionOfCrime => "Prevention or detection of crime",
        LawfulBasisKind.VitalInterests => "To protect someone's life (vital interests)",
        LawfulBasisKind.LegalObligation => "A legal duty",
        LawfulBasisKind.PublicTask => "Our public task",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<SelectListItem> DecisionChoices { get; } =
        Enum.GetValues<ConsentDecision>().Select(d => new SelectListItem(Decision(d), d.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> MethodChoices { get; } =
        Enum.GetValues<ConsentMethod>().Select(m => new SelectListItem(Method(m), m.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> BasisChoices { get; } =
        Enum.GetValues<LawfulBasisKind>().Select(k => new SelectListItem(Basis(k), k.ToString())).ToList();

    /// <summary>What the service was asked to do, in words: <c>GetPersonPage</c> becomes "Get person page".</summary>
    public static string Request(string request) =>
        string.Concat(request.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Role(string role) => Application.Common.Security.Roles.DisplayName(role);
}
