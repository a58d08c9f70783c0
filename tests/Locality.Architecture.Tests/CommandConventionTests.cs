using System.Reflection;
using System.Text.Json;
using Locality.Application.Common.Idempotency;
using MediatR;

namespace Locality.Architecture.Tests;

/// <summary>
/// Commands run in the pipeline's one transaction and may be answered again from what was kept under their idempotency
/// key, so no handler opens a transaction of its own, and every command's answer can be read back from JSON.
/// </summary>
public sealed class CommandConventionTests
{
    private static readonly IReadOnlyList<Type> Requests = Layers.Application.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false }
                    && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .ToList();

    [Fact]
    public void QueriesAndCommands_AreToldApartByName()
    {
        var queries = Requests.Where(RequestKinds.IsQuery).Select(t => t.Name).ToList();
        var commands = Requests.Where(t => !RequestKinds.IsQuery(t)).Select(t => t.Name).ToList();

        Assert.Contains("GetPersonPage", queries);
        Assert.Contains("FindPeople", queries);
        Assert.Contains("AddNote", commands);
        Assert.Contains("SendDemandBatch", commands);
    }

    [Fact]
    public void NoHandler_OpensATransactionOfItsOwn()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Locality.Application"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("BeginTransaction", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(sources);
    }

    [Fact]
    public void EveryCommandsAnswer_CanBeKeptAndGivenAgain()
    {
        var unreadable = new List<string>();
        foreach (var command in Requests.Where(t => !RequestKinds.IsQuery(t)))
        {
            var answer = command.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
            foreach (var type in Reachable(answer))
            {
                try
                {
                    JsonSerializer.Deserialize(type.IsArray || IsList(type) ? "[]" : "{}", type);
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
                {
                    unreadable.Add($"{command.Name}: {type.Name} ({ex.GetType().Name})");
                }
            }
        }

        Assert.True(unreadable.Count == 0, "Answers that cannot be read back: " + string.Join("; ", unreadable.Distinct()));
    }

    private static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([root]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }
            }

            if (type.Namespace?.StartsWith("Locality.", StringComparison.Ordinal) != true && !IsList(type))
            {
                continue;
            }

            yield return type;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }
    }

    private static bool IsList(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                           && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyCollection<>));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (with Locality.sln) was not found.");
    }
}
