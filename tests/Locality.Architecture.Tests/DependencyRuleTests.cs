using System.Reflection;
using NetArchTest.Rules;

namespace Locality.Architecture.Tests;

/// <summary>Domain ← Application ← Infrastructure; the hosts wire Infrastructure up and otherwise speak to Application.</summary>
public sealed class DependencyRuleTests
{
    [Fact]
    public void Domain_ReferencesNoOtherLayer_AndNoFramework()
    {
        AssertNone(Layers.Domain, "Locality.Application", "Locality.Infrastructure", "Locality.Api", "Locality.Web",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "MediatR", "FluentValidation", "Npgsql");
    }

    [Fact]
    public void Application_ReferencesNeitherInfrastructureNorTheHosts_NorTheWebOrDatabaseDriver()
    {
        AssertNone(Layers.Application, "Locality.Infrastructure", "Locality.Api", "Locality.Web", "Microsoft.AspNetCore", "Npgsql", "Hangfire");
    }

    [Fact]
    public void Infrastructure_ReferencesNeitherHost()
    {
        AssertNone(Layers.Infrastructure, "Locality.Api", "Locality.Web");
    }

    [Fact]
    public void TheHosts_DoNotReferenceEachOther()
    {
        AssertNone(Layers.Api, "Locality.Web");
        AssertNone(Layers.Web, "Locality.Api");
    }

    [Fact]
    public void EndpointsAndControllers_SpeakToTheApplicationThroughTheMediator_NotToTheDatabase()
    {
        foreach (var (assembly, namespaces) in new[]
                 {
                     (Layers.Api, new[] { "Locality.Api.Endpoints" }),
                     (Layers.Web, new[] { "Locality.Web.Controllers", "Locality.Web.Areas" }),
                 })
        {
            foreach (var ns in namespaces)
            {
                var result = Types.InAssembly(assembly).That().ResideInNamespace(ns)
                    .ShouldNot().HaveDependencyOnAny("Locality.Infrastructure.Persistence", "Microsoft.EntityFrameworkCore", "Npgsql",
                        "Locality.Application.Common.Interfaces.IApplicationDbContext")
                    .GetResult();
                Assert.True(result.IsSuccessful, $"{ns} reaches the database directly: {Names(result)}");
            }
        }
    }

    private static void AssertNone(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} depends on one of [{string.Join(", ", forbidden)}]: {Names(result)}");

        var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var referenced = references.Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal))).ToList();
        Assert.True(referenced.Count == 0, $"{assembly.GetName().Name} references {string.Join(", ", referenced)}");
    }

    internal static string Names(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
