using System.Collections;
using System.Reflection;
using FluentValidation.Results;

namespace Locality.Application.Common.Validation;

/// <summary>
/// Finds text no field can keep: a NUL character (PostgreSQL text cannot hold one) or half of a two-part character
/// (a lone surrogate, which is not text at all). Every request's strings are checked before its own rules run, however
/// deep they sit (a list of steps, a batch of events), and each one found is named the way a validator names it:
/// <c>Text</c>, <c>Events[3].Note</c>.
/// </summary>
public static class StorableText
{
    public const string Message =
        "This contains a character that cannot be kept (a hidden null character or half of a character). Type it again without it";

    private const int DeepestNesting = 6;

    public static IReadOnlyList<ValidationFailure> Problems(object? request)
    {
        var problems = new List<ValidationFailure>();
        Visit(request, "", 0, problems);
        return problems;
    }

    public static bool CanKeep(string? value)
    {
        if (value is null)
        {
            return true;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Visit(object? value, string path, int depth, List<ValidationFailure> problems)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (!CanKeep(text))
                {
                    problems.Add(new ValidationFailure(path.Length == 0 ? "Value" : path, Message));
                }

                return;
            case byte[] or Stream:
                return;
        }

        var type = value.GetType();
        if (depth >= DeepestNesting || type.IsPrimitive || type.IsEnum || !IsOurs(type) && value is not IEnumerable)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = entry.Key.ToString() ?? "";
                Visit(entry.Key as string, $"{path}[{key}]", depth + 1, problems);
                Visit(entry.Value, $"{path}[{key}]", depth + 1, problems);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Visit(item, $"{path}[{index++}]", depth + 1, problems);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.CanRead && property.Name != "EqualityContract")
            {
                Visit(property.GetValue(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1, problems);
            }
        }
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("Locality.", StringComparison.Ordinal) == true;
}
