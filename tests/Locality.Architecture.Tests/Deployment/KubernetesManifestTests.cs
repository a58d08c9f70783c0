using System.Text.RegularExpressions;

namespace Locality.Architecture.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests (deploy/kubernetes) render, match the Kubernetes and CloudNativePG schemas and keep
/// Locality's deployment policy, checked by the Node validator beside them (docs/deploy.md, "Checking the
/// manifests"). The validator is also fed broken copies, each of which it must refuse naming the rule broken, so
/// the passing overlays prove something.
/// </summary>
public sealed partial class KubernetesManifestTests(ManifestValidator validator) : IClassFixture<ManifestValidator>
{
    private static readonly string[] OverlayNames = ["production", "staging"];

    public static TheoryData<string> Overlays => [.. OverlayNames];

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_MatchesTheSchemasAndThePolicy(string overlay)
    {
        var result = await EverythingAsync();

        var section = result.SectionFor(Path.Combine(ManifestValidator.KubernetesFolder, "overlays", overlay));
        Assert.DoesNotContain("FAIL ", section, StringComparison.Ordinal);
        var summary = Summary().Match(section);
        Assert.True(summary.Success, section);
        Assert.True(int.Parse(summary.Groups["objects"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 25, $"The overlay rendered too few objects to be the whole deployment:\n{section}");
        Assert.Equal("0", summary.Groups["refused"].Value);
        Assert.Equal("0", summary.Groups["excused"].Value);
        Assert.Contains("CloudNativePG schemas from ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryExample_MatchesTheClusterSchema()
    {
        var result = await EverythingAsync();

        var section = result.SectionFor(RecoveryExample);
        Assert.DoesNotContain("FAIL ", section, StringComparison.Ordinal);
        Assert.EndsWith($"{RecoveryExample}: 1 objects, 0 refused, 0 excused (schemas only)", section.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("targetTime", File.ReadAllText(RecoveryExample), StringComparison.Ordinal);
    }

    /// <summary>Broken copies of the manifests: what is changed, and the finding the validator must print.</summary>
    private static readonly Dictionary<string, (Edit[] Edits, string Refusal)> Broken = new()
    {
        ["container without limits"] = (
            [new("base/web.yaml", "            limits:\n              cpu: \"1\"\n              memory: 768Mi\n", "")],
            "FAIL resources Deployment/locality-web: container \"web\": no cpu in resources.limits"),
        ["runs as root allowed"] = (
            [new("base/api.yaml", "runAsNonRoot: true", "runAsNonRoot: false", Everywhere: true)],
            "FAIL run-as-non-root Deployment/locality-api: container \"api\": runAsNonRoot is false"),
        ["misspelt Cluster field"] = (
            [new("base/database/cluster.yaml", "  instances: 3\n", "  instance: 3\n")],
            "FAIL schema Cluster/locality-db: /spec: unknown field \"instance\""),
        ["invalid synchronous method"] = (
            [new("base/database/cluster.yaml", "method: any", "method: quorum")],
            "FAIL schema Cluster/locality-db: /spec/postgresql/synchronous/method: must be equal to one of the allowed values"),
        ["pooler in statement mode"] = (
            [new("base/database/pooler.yaml", "poolMode: session", "poolMode: statement")],
            "FAIL schema Pooler/locality-db-pooler: /spec/pgbouncer/poolMode: must be equal to one of the allowed values"),
        ["database NetworkPolicy missing"] = (
            [Edit.RemoveDocument("base/network-policies.yaml", "name: database-instances")],
            "FAIL database-network-policy Cluster/locality-db: no NetworkPolicy selects the instances of Cluster locality-db"),
        ["pooler open to every namespace"] = (
            [new("base/network-policies.yaml", "                  - worker\n      ports:\n        - protocol: TCP\n          port: 5432", "                  - worker\n        - namespaceSelector: {}\n      ports:\n        - protocol: TCP\n          port: 5432")],
            "FAIL database-network-policy Cluster/locality-db: NetworkPolicy database-pooler admits {\"namespaceSelector\":{}}"),
        ["no default deny"] = (
            [Edit.RemoveDocument("base/network-policies.yaml", "name: default-deny")],
            "FAIL default-deny "),
        ["API without a disruption budget"] = (
            [Edit.RemoveDocument("base/api.yaml", "kind: PodDisruptionBudget")],
            "FAIL pod-disruption-budget Deployment/locality-api: no PodDisruptionBudget selects its pods"),
        ["latest image"] = (
            [new("overlays/production/kustomization.yaml", "web\n    newTag: \"2026.12.0\"", "web\n    newTag: latest")],
            "FAIL image-tag Deployment/locality-web: container \"web\": the image registry.locality.example.invalid/locality/web:latest is :latest"),
        ["web pool too large"] = (
            [new("base/web.yaml", "Maximum Pool Size=15", "Maximum Pool Size=40")],
            "FAIL connection-budget Cluster/locality-db: the hosts may open 385 connections through Pooler locality-db-pooler, more than its default_pool_size (220)"),
        ["exception without a reason"] = (
            [new("base/worker.yaml", "  name: locality-worker\n  labels:", "  name: locality-worker\n  annotations:\n    locality.gov.uk/policy-exception: \"probes:\"\n  labels:")],
            "FAIL policy-exception Deployment/locality-worker: the exception to \"probes\" gives no reason"),
    };

    public static TheoryData<string> BrokenCopies => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(BrokenCopies))]
    public async Task BrokenCopy_IsRefusedNamingTheRule(string name)
    {
        var result = await EverythingAsync();

        var section = result.SectionFor(Overlay(name));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Broken[name].Refusal, section, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b0 refused", section);
    }

    [Fact]
    public async Task Exception_WithAReason_ExcusesOnlyThatRule()
    {
        var result = await EverythingAsync();

        var section = result.SectionFor(Overlay(Excused));
        Assert.Contains("EXCUSED probes Deployment/locality-worker: container \"worker\": no readinessProbe (because: the worker serves no traffic", section, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL ", section, StringComparison.Ordinal);
        Assert.Contains("0 refused, 1 excused", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renderer_RefusesKustomizeFeaturesItDoesNotHave_RatherThanRenderThemWrongly()
    {
        var root = validator.CopyManifests("unsupported-kustomize");
        new Edit("overlays/production/kustomization.yaml", "namespace: locality-production\n", "namespace: locality-production\nnamePrefix: blue-\n").ApplyTo(root);

        var result = await validator.ValidateAsync(Path.Combine(root, "overlays", "production"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"namePrefix\" is not supported by this renderer", result.Output, StringComparison.Ordinal);
    }

    private const string Excused = "exception with a reason";

    private static readonly Edit[] ExcusedEdits =
    [
        new("base/worker.yaml", "          readinessProbe:\n            httpGet:\n              path: /health/ready\n              port: http\n            periodSeconds: 10\n            timeoutSeconds: 3\n            failureThreshold: 3\n", ""),
        new("base/worker.yaml", "  name: locality-worker\n  labels:", "  name: locality-worker\n  annotations:\n    locality.gov.uk/policy-exception: \"probes: the worker serves no traffic, so it needs no readiness\"\n  labels:"),
    ];

    private string Overlay(string name) => Path.Combine(validator.Scratch, Slug(name), "overlays", "production");

    private static string RecoveryExample => Path.Combine(ManifestValidator.KubernetesFolder, "examples", "recovery-cluster.yaml");

    /// <summary>
    /// The real overlays, every broken copy, the excused one and (schemas only) the recovery example, checked in one
    /// run of the validator for the whole class: each run loads the schemas again, which takes seconds.
    /// </summary>
    private Task<ValidatorResult> EverythingAsync() => validator.OnceAsync("everything", () =>
    {
        var copies = Broken.Select(b => (b.Key, b.Value.Edits)).Append((Excused, ExcusedEdits));
        var inputs = OverlayNames.Select(o => Path.Combine(ManifestValidator.KubernetesFolder, "overlays", o)).ToList();
        foreach (var (name, edits) in copies)
        {
            var root = validator.CopyManifests(Slug(name));
            foreach (var edit in edits)
            {
                edit.ApplyTo(root);
            }

            inputs.Add(Overlay(name));
        }

        return validator.ValidateAsync([.. inputs, "--schema-only", RecoveryExample]);
    });

    private static string Slug(string name) => name.Replace(' ', '-');

    [GeneratedRegex(@": (?<objects>\d+) objects, (?<refused>\d+) refused, (?<excused>\d+) excused")]
    private static partial Regex Summary();

    /// <summary>
    /// One change to a copied manifest: the first (or every) occurrence of some text replaced, or the YAML documents
    /// holding it removed. The text must be there, so a change to the real manifests cannot turn a case into a no-op.
    /// </summary>
    private sealed record Edit(string File, string Find, string Replace, bool Everywhere = false, bool RemovesDocument = false)
    {
        public static Edit RemoveDocument(string file, string containing) => new(file, containing, "", RemovesDocument: true);

        public void ApplyTo(string root)
        {
            var path = Path.Combine(root, File);
            var text = System.IO.File.ReadAllText(path);
            Assert.True(text.Contains(Find, StringComparison.Ordinal), $"The broken copy cannot be made: {File} no longer contains {Find}");
            if (RemovesDocument)
            {
                var documents = text.Split("\n---\n");
                text = string.Join("\n---\n", documents.Where(d => !d.Contains(Find, StringComparison.Ordinal)));
            }
            else if (Everywhere)
            {
                text = text.Replace(Find, Replace, StringComparison.Ordinal);
            }
            else
            {
                var at = text.IndexOf(Find, StringComparison.Ordinal);
                text = string.Concat(text.AsSpan(0, at), Replace, text.AsSpan(at + Find.Length));
            }

            System.IO.File.WriteAllText(path, text);
        }
    }
}
