using System.Collections.Concurrent;
using System.Reflection;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Microsoft.Extensions.Options;

namespace Locality.Application.Common.Security;

/// <summary>
/// The one check behind <see cref="AsksForRecentSecondFactorAttribute"/>: the pipeline makes it before a request's
/// work, and the web host makes it for the same request before showing its form, so a worker confirms it is them
/// before filling the form in rather than after.
/// </summary>
public sealed class RecentSecondFactor(ICurrentUser user, TimeProvider clock, IOptions<StepUpOptions> options)
{
    private static readonly ConcurrentDictionary<Type, AsksForRecentSecondFactorAttribute?> Declared = new();

    /// <summary>What <paramref name="requestType"/> declares, or null when it asks for nothing.</summary>
    public static AsksForRecentSecondFactorAttribute? DeclaredBy(Type requestType) =>
        Declared.GetOrAdd(requestType, type => type.GetCustomAttribute<AsksForRecentSecondFactorAttribute>());

    /// <summary>Throws <see cref="SecondFactorRequiredException"/> when the request asks this sender for a second factor they gave too long ago.</summary>
    public void Require(Type requestType)
    {
        if (DeclaredBy(requestType) is not { } asks || !asks.Asks(user))
        {
            return;
        }

        var within = options.Value.Within;
        if (user.SignIn is not { } signIn || !signIn.HasRecentSecondFactor(clock.GetUtcNow(), within))
        {
            throw new SecondFactorRequiredException(within);
        }
    }
}
