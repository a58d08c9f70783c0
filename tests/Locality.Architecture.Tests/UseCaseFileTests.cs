using FluentValidation;
using Locality.Application.Plans;
using Locality.Application.Ratings;
using Locality.Application.Sharing;
using MediatR;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Locality.Architecture.Tests;

/// <summary>
/// One use case, one file, named for the request (STYLE.md, "A use case"): <c>Application/Feature/VerbNoun.cs</c> holds the
/// request, its validator and its handler, in that order, and no other request. Reflection does not know where a type
/// was written, so the Application's sources are read with Roslyn, and every request, validator and handler the assembly
/// has must be found in them (so the test cannot pass by finding nothing).
/// </summary>
public sealed class UseCaseFileTests
{
    /// <summary>
    /// Requests that live in another request's file, with the reason. Each pair is answered by one handler, so the
    /// pair is one use case: the list and the single item.
    /// </summary>
    private static readonly Dictionary<Type, (Type File, string Reason)> SharesAFile = new()
    {
        [typeof(GetCommunityGroup)] = (typeof(GetCommunityGroups), "one handler answers the directory and one group, with the query SaveCommunityGroup reuses"),
        [typeof(GetInstrument)] = (typeof(GetInstruments), "one handler answers every instrument and one instrument"),
        [typeof(GetSharingAgreement)] = (typeof(GetSharingAgreements), "one handler answers every agency's agreement and one agency's, with its versions"),
    };

    private static readonly Lazy<UseCases> Found = new(UseCases.Read);

    [Fact]
    public void NoFile_DeclaresTwoRequests()
    {
        var crowded = Found.Value.Requests
            .Where(r => !SharesAFile.ContainsKey(r))
            .GroupBy(r => Found.Value.FileOf(r))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.Name))}")
            .ToList();

        Assert.True(crowded.Count == 0, $"Files declaring more than one request (one use case, one file): {string.Join("; ", crowded)}");
    }

    [Fact]
    public void EveryRequest_IsInAFileNamedForIt()
    {
        var misnamed = Found.Value.Requests
            .Where(r => Path.GetFileNameWithoutExtension(Found.Value.FileOf(r)) != (SharesAFile.TryGetValue(r, out var shared) ? shared.File.Name : r.Name))
            .Select(r => $"{r.Name} in {Found.Value.FileOf(r)}")
            .ToList();

        Assert.True(misnamed.Count == 0, $"Requests not in a file named for them: {string.Join("; ", misnamed)}");
    }

    [Fact]
    public void EveryValidatorAndHandler_IsInItsRequestsFile()
    {
        var strays = Found.Value.ValidatorsAndHandlers
            .SelectMany(p => p.Requests.Select(r => (p.Type, Request: r)))
            .Where(p => Found.Value.FileOf(p.Type) != Found.Value.FileOf(p.Request))
            .Select(p => $"{p.Type.Name} in {Found.Value.FileOf(p.Type)}, not {Found.Value.FileOf(p.Request)}")
            .ToList();

        Assert.NotEmpty(Found.Value.ValidatorsAndHandlers);
        Assert.True(strays.Count == 0, $"Validators and handlers outside their request's file: {string.Join("; ", strays)}");
    }

    [Fact]
    public void AUseCaseFile_ReadsRequestThenValidatorThenHandler()
    {
        var outOfOrder = new List<string>();
        foreach (var request in Found.Value.Requests)
        {
            // Only the parts in the request's own file are compared (a part elsewhere fails the test above).
            var here = Found.Value.ValidatorsAndHandlers.Where(p => p.Requests.Contains(request) && Found.Value.FileOf(p.Type) == Found.Value.FileOf(request)).ToList();
            var validators = here.Where(p => p.IsValidator).Select(p => p.Type).ToList();
            var handlers = here.Where(p => !p.IsValidator).Select(p => p.Type).ToList();
            var requestAt = Found.Value.PositionOf(request);
            var lastValidatorAt = validators.Select(Found.Value.PositionOf).DefaultIfEmpty(requestAt).Max();
            outOfOrder.AddRange(validators.Where(v => Found.Value.PositionOf(v) < requestAt).Select(v => $"{v.Name} before {request.Name}"));
            outOfOrder.AddRange(handlers.Where(h => Found.Value.PositionOf(h) < lastValidatorAt).Select(h => $"{h.Name} before {request.Name}'s validator or the request"));
        }

        Assert.True(outOfOrder.Count == 0, $"Use case files not in the order request, validator, handler: {string.Join("; ", outOfOrder.Distinct())}");
    }

    [Fact]
    public void TheSourcesRead_HoldEveryRequestTheAssemblyHas()
    {
        // A guard on the guard: the rules above hold only if the sources were found and read.
        Assert.True(Found.Value.Requests.Count > 100, $"Only {Found.Value.Requests.Count} requests found");
        Assert.True(Found.Value.ValidatorsAndHandlers.Count(p => !p.IsValidator) > 100);
        Assert.Contains(typeof(AddStep), Found.Value.Requests);
        Assert.EndsWith(Path.Combine("Plans", "AddStep.cs"), Found.Value.FileOf(typeof(AddStep)), StringComparison.Ordinal);
    }

    private sealed record Part(Type Type, bool IsValidator, IReadOnlyList<Type> Requests);

    private sealed class UseCases
    {
        private readonly Dictionary<string, (string File, int Position)> declared;

        private UseCases(IReadOnlyList<Type> requests, IReadOnlyList<Part> parts, Dictionary<string, (string File, int Position)> declared)
        {
            Requests = requests;
            ValidatorsAndHandlers = parts;
            this.declared = declared;
        }

        public IReadOnlyList<Type> Requests { get; }

        public IReadOnlyList<Part> ValidatorsAndHandlers { get; }

        public string FileOf(Type type) => declared[type.FullName!].File;

        public int PositionOf(Type type) => declared[type.FullName!].Position;

        public static UseCases Read()
        {
            var application = Path.Combine(RepositoryRoot(), "src", "Locality.Application");
            var declared = new Dictionary<string, (string File, int Position)>(StringComparer.Ordinal);
            var twice = new List<string>();
            foreach (var file in Directory.EnumerateFiles(application, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !IsBuildOutput(Path.GetRelativePath(application, f))))
            {
                var relative = Path.GetRelativePath(application, file);
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file).GetCompilationUnitRoot();
                foreach (var type in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
                {
                    if (!declared.TryAdd(FullName(type), (relative, type.SpanStart)) && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        twice.Add(FullName(type));
                    }
                }
            }

            var types = Layers.Application.GetTypes();
            var requests = types
                .Where(t => t is { IsAbstract: false, IsInterface: false }
                            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
                .ToList();
            var parts = types
                .Where(t => t is { IsAbstract: false, IsInterface: false })
                .Select(t => new Part(t, false, t.GetInterfaces()
                    .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
                    .Select(i => i.GetGenericArguments()[0]).Where(requests.Contains).ToList()))
                .Where(p => p.Requests.Count > 0)
                .Concat(types
                    .Where(t => t is { IsAbstract: false, IsInterface: false } && ValidatedType(t) is { } validated && requests.Contains(validated))
                    .Select(t => new Part(t, true, [ValidatedType(t)!])))
                .ToList();

            var missing = requests.Concat(parts.Select(p => p.Type)).Where(t => !declared.ContainsKey(t.FullName!)).Select(t => t.FullName).ToList();
            Assert.True(missing.Count == 0, $"In the Application assembly but not found in its sources (is the source read right?): {string.Join(", ", missing)}");
            Assert.True(twice.Count == 0, $"Declared in more than one file: {string.Join(", ", twice)}");
            return new UseCases(requests, parts, declared);
        }

        private static Type? ValidatedType(Type type)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
                {
                    return t.GetGenericArguments()[0];
                }
            }

            return null;
        }

        private static bool IsBuildOutput(string relative) =>
            relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin");

        /// <summary>The name reflection gives: namespace, containing types joined with '+', and generic arity.</summary>
        private static string FullName(BaseTypeDeclarationSyntax type)
        {
            var name = Arity(type);
            for (var parent = type.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case BaseTypeDeclarationSyntax outer:
                        name = $"{Arity(outer)}+{name}";
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        name = $"{ns.Name}.{name}";
                        break;
                }
            }

            return name;
        }

        private static string Arity(BaseTypeDeclarationSyntax type) =>
            type is TypeDeclarationSyntax { TypeParameterList.Parameters.Count: > 0 and var count } ? $"{type.Identifier.ValueText}`{count}" : type.Identifier.ValueText;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find Locality.sln above the test output.");
    }
}
