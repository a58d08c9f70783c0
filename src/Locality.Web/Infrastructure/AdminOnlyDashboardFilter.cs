using Hangfire.Dashboard;
using Locality.Application.Common.Security;

namespace Locality.Web.Infrastructure;

/// <summary>The background jobs dashboard is for administrators only.</summary>
internal sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
