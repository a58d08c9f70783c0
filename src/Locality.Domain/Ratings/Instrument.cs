using Locality.Domain.Common;

namespace Locality.Domain.Ratings;

/// <summary>
/// A rating instrument, such as the Chaos Index: a name and numbered versions of its definition. A version that
/// ratings use is never changed: revising it makes a new version and retires the old one, so every rating keeps
/// the exact definition it was made with. An unused latest version may be corrected in place.
/// </summary>
public sealed class Instrument : AuditableEntity
{
    public const string ChaosIndexKey = "chaos-index-ndt";

    private readonly List<InstrumentVersion> versions = [];

    private Instrument()
    {
        Key = string.Empty;
        Name = string.Empty;
    }

    private Instrument(InstrumentId id, string key, bool builtIn)
    {
        Id = id;
        Key = key;
        IsBuiltIn = builtIn;
        Name = string.Empty;
    }

    public InstrumentId Id { get; private set; }

    /// <summary>A stable key for the built-in instrument, or one made from the id.</summary>
    public string Key { get; private set; }

    public string Name { get; private set; }

    public bool IsBuiltIn { get; private set; }

    /// <summary>When the whole instrument was retired: no more ratings with any version.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public IReadOnlyList<InstrumentVersion> Versions => versions;

    /// <summary>
    /// How many times the instrument has been revised or retired. Every revision changes the instrument's own row, so
    /// two administrators revising it at once are told (409) even when only its versions changed.
    /// </summary>
    public int Revisions { get; private set; }

    /// <summary>The version new ratings use, if the instrument is not retired.</summary>
    public InstrumentVersion? Current => RetiredAt is null ? versions.Where(v => v.RetiredAt is null).MaxBy(v => v.Number) : null;

    public static Instrument Define(InstrumentDefinition definition, DateTimeOffset at, string? key = null, bool builtIn = false)
    {
        var id = InstrumentId.New();
        var instrument = new Instrument(id, key ?? $"instrument-{id.Value:N}", builtIn);
        instrument.AddVersion(definition, at);
        return instrument;
    }

    /// <summary>Changes the definition: in place if no rating uses the latest version, otherwise as a new version.</summary>
    public InstrumentVersion Revise(InstrumentDefinition definition, bool latestIsUsed, DateTimeOffset at)
    {
        if (RetiredAt is not null)
        {
            throw new BusinessRuleException("This instrument is retired.");
        }

        Revisions++;
        var latest = versions.MaxBy(v => v.Number)!;
        if (!latestIsUsed && latest.RetiredAt is null)
        {
            latest.Replace(Check(definition));
            Name = latest.Definition.Name;
            return latest;
        }

        foreach (var version in versions.Where(v => v.RetiredAt is null))
        {
            version.Retire(at);
        }

        return AddVersion(definition, at);
    }

    public void Retire(DateTimeOffset at)
    {
        RetiredAt ??= at;
        Revisions++;
    }

    private static InstrumentDefinition Check(InstrumentDefinition definition)
    {
        var problems = definition.Problems();
        if (problems.Count > 0)
        {
            throw new BusinessRuleException(problems[0].Message);
        }

        return definition.Tidied();
    }

    private InstrumentVersion AddVersion(InstrumentDefinition definition, DateTimeOffset at)
    {
        var tidied = Check(definition);
        var version = new InstrumentVersion(Id, versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1, tidied, at);
        versions.Add(version);
        Name = tidied.Name;
        return version;
    }
}

/// <summary>One version of an instrument's definition, as ratings made with it used it.</summary>
public sealed class InstrumentVersion
{
    private InstrumentVersion()
    {
        Definition = null!;
    }

    internal InstrumentVersion(InstrumentId instrument, int number, InstrumentDefinition definition, DateTimeOffset at)
    {
        Id = InstrumentVersionId.New();
        InstrumentId = instrument;
        Number = number;
        Definition = definition;
        CreatedAt = at;
    }

    public InstrumentVersionId Id { get; private set; }
    public InstrumentId InstrumentId { get; private set; }
    public int Number { get; private set; }
    public InstrumentDefinition Definition { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a newer version replaced it: no new ratings with it after that.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    internal void Replace(InstrumentDefinition definition) => Definition = definition;

    internal void Retire(DateTimeOffset at) => RetiredAt ??= at;
}
