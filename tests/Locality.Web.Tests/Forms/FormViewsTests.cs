using System.Reflection;
using Locality.Testing;
using Locality.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Locality.Web.Tests.Forms;

/// <summary>
/// A form sent with a field that cannot be read is shown again with the error summary, in the view its action names
/// (or the view named after the action): every action that takes a form has such a view, so no bad field is a 500.
/// </summary>
public sealed class FormViewsTests
{
    [Fact]
    public void EveryActionTakingAForm_HasAViewToShowItAgain()
    {
        var missing = new List<string>();
        var actions = typeof(Locality.Web.Program).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Controller: t, Action: m)))
            .Where(a => a.Action.GetCustomAttribute<HttpPostAttribute>() is not null
                        && a.Action.GetParameters().Any(p => typeof(IFormModel).IsAssignableFrom(p.ParameterType)))
            .ToList();

        foreach (var (controller, action) in actions)
        {
            var view = action.GetCustomAttribute<FormViewAttribute>()?.ViewName ?? action.Name;
            var area = controller.GetCustomAttribute<AreaAttribute>()?.RouteValue;
            var folder = controller.Name[..^"Controller".Length];
            var path = view.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(RepositoryFiles.Root, "src", "Locality.Web", view[2..])
                : area is null
                ? Path.Combine(RepositoryFiles.Root, "src", "Locality.Web", "Views", folder, view + ".cshtml")
                : Path.Combine(RepositoryFiles.Root, "src", "Locality.Web", "Areas", area, "Views", folder, view + ".cshtml");
            if (!File.Exists(path))
            {
                missing.Add($"{controller.Name}.{action.Name} (looked for {Path.GetRelativePath(RepositoryFiles.Root, path)})");
            }
        }

        Assert.NotEmpty(actions);
        Assert.True(missing.Count == 0, "Actions whose form cannot be shown again: " + string.Join("; ", missing));
    }
}
