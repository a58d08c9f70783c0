using Locality.Application.People;
using MediatR;

namespace Locality.Web.Models;

public sealed class MergeForm : PersonPageForm
{
    public const string ChooseTheOtherRecord = "Select which record is also them";

    public string? Search { get; set; }

    public Guid? MergedId { get; set; }

    public string? Reason { get; set; }

    public IReadOnlyList<PersonSummaryDto> Candidates { get; set; } = [];

    /// <summary>The other record chosen, if it is one of the records found.</summary>
    public PersonSummaryDto? Merged => Candidates.FirstOrDefault(c => c.Id == MergedId);

    public override async Task LoadOptionsAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        await base.LoadOptionsAsync(mediator, cancellationToken);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            Candidates = (await mediator.Send(new FindPeople(Name: Search), cancellationToken)).Where(p => p.Id != PersonId).ToList();
        }
    }

    /// <summary>A record as the list of records found shows it, so two people of one name can be told apart.</summary>
    public static string Describe(PersonSummaryDto person) =>
        $"{person.KnownAs}, {(person.DateOfBirth is { } born ? DateWords.Date(born) : "date of birth not known")}, {person.Postcode ?? "no postcode"}";

    /// <summary>What merging the records will do, in plain words: what <c>MergePeople</c> moves, and what it leaves.</summary>
    public IReadOnlyList<string> WhatWillHappen() =>
    [
        $"The two records become one: this record for {Person?.KnownAs} is kept, and the other record ({(Merged is { } merged ? Describe(merged) : "the one you chose")}) is merged into it.",
        "The other record's timeline is kept in full and moves onto this one, with its Chaos Index ratings, strengths, community connections, demand, consent and sharing decisions, and the team around them.",
        "If this record has no plan yet, the other record's plan comes with it. If both have a plan, this record's plan is the one you will see.",
        "Anyone who opens the other record from now on is taken to this one. The merge is recorded, with your reason.",
    ];
}
