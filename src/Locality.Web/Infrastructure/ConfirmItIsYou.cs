using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Locality.Web.Infrastructure;

/// <summary>
/// Where a worker is sent when a serious act needs their second factor again: the confirm page, then back to the page
/// they were on (for a form that was sent, the form's own page, which is the address it was sent to, or the page a
/// button without a page of its own is on). Only a path on
/// this site is ever given to come back to.
/// </summary>
internal static class ConfirmItIsYou
{
    public static RedirectResult RedirectFor(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var path = (request.PathBase + request.Path).Value ?? "/";
        if (!HttpMethods.IsGet(request.Method)
            && context.ActionDescriptor.EndpointMetadata.OfType<AfterConfirmingReturnToAttribute>().FirstOrDefault() is { } page)
        {
            var values = new RouteValueDictionary(page.RouteValues.ToDictionary(name => name, name => context.RouteData.Values[name]));
            path = context.HttpContext.RequestServices.GetRequiredService<IUrlHelperFactory>().GetUrlHelper(context).Action(page.Action, values) ?? path;
        }

        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal) || path.StartsWith("/\\", StringComparison.Ordinal))
        {
            path = "/";
        }

        var back = HttpMethods.IsGet(request.Method) ? path + request.QueryString : path;
        return new RedirectResult(Paths.ConfirmItIsYou(back));
    }
}

/// <summary>
/// Put on a button's action that has no page of its own (revoking a key, retiring an instrument): after confirming it is
/// them, the worker comes back to the page the button is on, the named action of the same controller.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class AfterConfirmingReturnToAttribute(string action, params string[] routeValues) : Attribute
{
    public string Action { get; } = action;

    /// <summary>The route values of this request the page's address needs (such as <c>id</c>).</summary>
    public IReadOnlyList<string> RouteValues { get; } = routeValues;
}

/// <summary>
/// Put on the page that shows a serious act's form: asks for the second factor before the form is filled in, by the
/// same rule the act's request declares (<see cref="AsksForRecentSecondFactorAttribute"/>), rather than after.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ConfirmItIsYouFirstAttribute(Type request) : ActionFilterAttribute
{
    public Type Request { get; } = request;

    public override void OnActionExecuting(ActionExecutingContext context)
    {
        try
        {
            context.HttpContext.RequestServices.GetRequiredService<RecentSecondFactor>().Require(Request);
        }
        catch (SecondFactorRequiredException)
        {
            context.Result = ConfirmItIsYou.RedirectFor(context);
        }
    }
}
