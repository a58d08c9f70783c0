using FluentValidation;
using Locality.Application.Common.Security;
using MediatR;
using NetArchTest.Rules;

namespace Locality.Architecture.Tests;

public sealed class ConventionTests
{
    [Fact]
    public void Handlers_AreInternal_SoTheyAreReachedOnlyThroughTheMediator()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().ImplementInterface(typeof(IRequestHandler<,>))
            .Should().NotBePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Public handlers: {DependencyRuleTests.Names(result)}");
        Assert.NotEmpty(Types.InAssembly(Layers.Application).That().ImplementInterface(typeof(IRequestHandler<,>)).GetTypes());
    }

    [Fact]
    public void Validators_AreInternal()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().Inherit(typeof(AbstractValidator<>))
            .Should().NotBePublic()
            .GetResult();

        Assert.True(result.IsSuccessful, $"Public validators: {DependencyRuleTests.Names(result)}");
    }

    [Fact]
    public void EveryRequest_DeclaresWhoMaySendIt()
    {
        var requests = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false }
                        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();

        var undeclared = requests
            .Where(r => r.GetCustomAttributes(typeof(AllowedForAttribute), false).Length
                        + r.GetCustomAttributes(typeof(AllowedForAnySignedInAttribute), false).Length != 1)
            .Select(r => r.FullName)
            .ToList();

        Assert.NotEmpty(requests);
        Assert.True(undeclared.Count == 0, $"Requests that do not declare who may send them: {string.Join(", ", undeclared)}");
    }

    [Fact]
    public void EveryRequest_HasAHandler()
    {
        var handled = Layers.Application.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var requests = Layers.Application.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)));

        Assert.All(requests, r => Assert.True(handled.Contains(r), $"{r.Name} has no handler"));
    }

    [Fact]
    public void NothingNearSecurity_IsCompiledOnlyInDebug()
    {
        var root = FindRepositoryRoot();
        var offending = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("#if DEBUG", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(offending);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find Locality.sln above the test output.");
    }
}
