namespace Locality.Web.Infrastructure;

/// <summary>Names the view a form is shown in when it is not the action's own name (for example, "new" and "edit" sharing one view).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormViewAttribute(string viewName) : Attribute
{
    public string ViewName { get; } = viewName;
}
