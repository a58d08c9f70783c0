using Locality.Application.Access;
using Locality.Domain.Access;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Locality.Web.Models;

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
