namespace Locality.Domain.Ratings;

/// <summary>Whether a higher total means things are going worse (the Chaos Index) or better (a strengths scale).</summary>
public enum ScoreDirection
{
    HigherIsWorse = 1,
    HigherIsBetter = 2,
}

/// <summary>One step of a domain's scale: what it looks like, in our words, and what it scores.</summary>
public sealed record InstrumentStep(string Label, string Description, int Score);

/// <summary>One area of a person's life an instrument rates, with its steps from the lowest score to the highest.</summary>
public sealed record InstrumentDomain(string Key, string Name, IReadOnlyList<InstrumentStep> Steps);

/// <summary>
/// What an instrument is: its domains and their ordered steps, which way is better, and how often to rate again.
/// <see cref="Problems"/> lists everything wrong with a definition, each against the field it concerns, so an
/// administrator is told all of it at once.
/// </summary>
public sealed record InstrumentDefinition(string Name, string? Description, ScoreDirection Direction, int RerateEveryWeeks, IReadOnlyList<InstrumentDomain> Domains)
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;
    public const int KeyMaxLength = 60;
    public const int StepLabelMaxLength = 120;
    public const int StepDescriptionMaxLength = 500;
    public const int MostDomains = 30;
    public const int MostSteps = 11;
    public const int FewestSteps = 2;

    public int LowestTotal => Domains.Sum(d => d.Steps.Count == 0 ? 0 : d.Steps.Min(s => s.Score));

    public int HighestTotal => Domains.Sum(d => d.Steps.Count == 0 ? 0 : d.Steps.Max(s => s.Score));

    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add(("name", "Enter the instrument's name"));
        }
        else if (Name.Trim().Length > NameMaxLength)
        {
            problems.Add(("name", $"The name must be {NameMaxLength} characters or fewer"));
        }

        if (Description?.Trim().Length > DescriptionMaxLength)
        {
            problems.Add(("description", $"The description must be {DescriptionMaxLength} characters or fewer"));
        }

        if (!Enum.IsDefined(Direction))
        {
            problems.Add(("direction", "Say whether a higher total is better or worse"));
        }

        if (RerateEveryWeeks is < 1 or > 104)
        {
            problems.Add(("rerateEveryWeeks", "Rate again every 1 to 104 weeks"));
        }

        if (Domains is null || Domains.Count == 0)
        {
            problems.Add(("domains", "Add at least one domain"));
            return problems;
        }

        if (Domains.Count > MostDomains)
        {
            problems.Add(("domains", $"An instrument can have at most {MostDomains} domains"));
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var d = 0; d < Domains.Count; d++)
        {
            var domain = Domains[d];
            var field = $"domains[{d}]";
            if (domain is null)
            {
                problems.Add((field, $"Domain {d + 1} is empty"));
                continue;
            }

            var label = string.IsNullOrWhiteSpace(domain.Name) || domain.Name.Trim().Length > NameMaxLength ? $"Domain {d + 1}" : domain.Name.Trim();
            if (string.IsNullOrWhiteSpace(domain.Key) || domain.Key.Length > KeyMaxLength || !domain.Key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problems.Add(($"{field}.key", $"{label}: give it a short key of letters, digits and hyphens ({KeyMaxLength} at most)"));
            }
            else if (!keys.Add(domain.Key))
            {
                problems.Add(($"{field}.key", $"{label}: another domain already has the key {domain.Key}"));
            }

            if (string.IsNullOrWhiteSpace(domain.Name) || domain.Name.Trim().Length > NameMaxLength)
            {
                problems.Add(($"{field}.name", $"Domain {d + 1}: enter a name of {NameMaxLength} characters or fewer"));
            }
            else if (!names.Add(domain.Name.Trim()))
            {
                problems.Add(($"{field}.name", $"{label} appears more than once"));
            }

            var steps = domain.Steps ?? [];
            if (steps.Count < FewestSteps || steps.Count > MostSteps)
            {
                problems.Add(($"{field}.steps", $"{label}: give it {FewestSteps} to {MostSteps} steps"));
                continue;
            }

            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s];
                if (step is null || string.IsNullOrWhiteSpace(step.Label) || step.Label.Trim().Length > StepLabelMaxLength)
                {
                    problems.Add(($"{field}.steps[{s}].label", $"{label}, step {s + 1}: enter a label of {StepLabelMaxLength} characters or fewer"));
                }

                if (step?.Description?.Trim().Length > StepDescriptionMaxLength)
                {
                    problems.Add(($"{field}.steps[{s}].description", $"{label}, step {s + 1}: the description must be {StepDescriptionMaxLength} characters or fewer"));
                }

                if (step is not null && (step.Score < 0 || step.Score > 1000))
                {
                    problems.Add(($"{field}.steps[{s}].score", $"{label}, step {s + 1}: a score must be 0 to 1000"));
                }

                if (s > 0 && step is not null && steps[s - 1] is { } previous && step.Score <= previous.Score)
                {
                    problems.Add(($"{field}.steps[{s}].score", $"{label}: steps must be in order, each scoring more than the one before"));
                }
            }
        }

        return problems;
    }

    /// <summary>The same definition with text trimmed, for keeping.</summary>
    public InstrumentDefinition Tidied() => this with
    {
        Name = Name.Trim(),
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Domains = Domains.Select(d => new InstrumentDomain(
            d.Key.Trim().ToLowerInvariant(), d.Name.Trim(), d.Steps.Select(s => new InstrumentStep(s.Label.Trim(), s.Description?.Trim() ?? string.Empty, s.Score)).ToList())).ToList(),
    };
}
