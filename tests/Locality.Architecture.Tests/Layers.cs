using System.Reflection;
using Locality.Application.Common.Security;
using Locality.Domain.Common;

namespace Locality.Architecture.Tests;

internal static class Layers
{
    public static readonly Assembly Domain = typeof(IAuditable).Assembly;
    public static readonly Assembly Application = typeof(Roles).Assembly;
    public static readonly Assembly Infrastructure = typeof(Locality.Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly Api = typeof(Locality.Api.Program).Assembly;
    public static readonly Assembly Web = typeof(Locality.Web.Program).Assembly;
}
