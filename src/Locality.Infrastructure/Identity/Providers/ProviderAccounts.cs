using System.Security.Claims;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using Locality.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Locality.Infrastructure.Identity.Providers;

/// <summary>Why a sign-in through a provider did not let someone in, each with its own words on the problem page.</summary>
public enum ProviderRefusal
{
    NoEmail = 1,
    EmailNotVerified = 2,
    OtherAgencysDomain = 3,
    NoAccount = 4,
    Stopped = 5,
    NoRole = 6,
    SecondFactorMissing = 7,
    AccountOfAnotherAgency = 8,
}

/// <summary>Where a provider's sign-in leads.</summary>
public abstract record ProviderOutcome
{
    public sealed record SignedIn(ApplicationUser User, bool ProviderSecondFactor) : ProviderOutcome;

    /// <summary>The provider vouched for them, and Locality asks its own second factor next.</summary>
    public sealed record NeedsSecondFactor(ApplicationUser User) : ProviderOutcome;

    /// <summary>A new account, or one not yet approved: waiting for an administrator.</summary>
    public sealed record Waiting : ProviderOutcome;

    public sealed record Refused(ProviderRefusal Reason) : ProviderOutcome;
}

/// <summary>
/// Turns what an agency's provider said about someone into a Locality account: checks the email is verified and in
/// one of the provider's domains, finds the account by the provider's subject (or links one with the same email in
/// that agency, or makes one waiting for approval when the agency allows), applies the provider's groups as roles and
/// team, and decides whether the provider's sign-in counted as a second factor.
/// </summary>
public sealed class ProviderAccounts(
    LocalityDbContext db,
    UserManager<ApplicationUser> users,
    IOptions<ProviderSignInOptions> options,
    ILogger<ProviderAccounts> logger)
{
    public async Task<ProviderOutcome> SignInAsync(IdentityProvider provider, ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        var subject = external.FindFirstValue("sub");
        var email = external.FindFirstValue("email")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(email) || email.Length > StaffMember.EmailMaxLength)
        {
            return new ProviderOutcome.Refused(ProviderRefusal.NoEmail);
        }

        if (!IsVerified(external))
        {
            return new ProviderOutcome.Refused(ProviderRefusal.EmailNotVerified);
        }

        if (HomeRealm.DomainOf(email) is not { } domain || !provider.EmailDomains.Contains(domain))
        {
            // A provider speaks only for its own agency's domains, whatever it asserts.
            logger.LogWarning("Provider {Provider} asserted an email outside its domains", provider.Key);
            return new ProviderOutcome.Refused(ProviderRefusal.OtherAgencysDomain);
        }

        var loginProvider = ProviderSchemes.LoginProvider(provider.Key);
        var user = await users.FindByLoginAsync(loginProvider, subject);
        if (user is null)
        {
            user = await users.FindByEmailAsync(email);
            if (user is not null)
            {
                if (!await InAgencyAsync(user.Id, provider.AgencyId, cancellationToken))
                {
                    return new ProviderOutcome.Refused(ProviderRefusal.AccountOfAnotherAgency);
                }

                Check(await users.AddLoginAsync(user, new UserLoginInfo(loginProvider, subject, provider.Name)));
            }
            else if (provider.CreatesAccounts)
            {
                await CreateWaitingAsync(provider, subject, email, external.FindFirstValue("name"), cancellationToken);
                return new ProviderOutcome.Waiting();
            }
            else
            {
                return new ProviderOutcome.Refused(ProviderRefusal.NoAccount);
            }
        }

        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == new UserId(user.Id), cancellationToken);
        if (member is null || !await InAgencyAsync(user.Id, provider.AgencyId, cancellationToken))
        {
            return new ProviderOutcome.Refused(ProviderRefusal.AccountOfAnotherAgency);
        }

        if (member.AwaitsApproval)
        {
            return new ProviderOutcome.Waiting();
        }

        if (!member.IsActive || await users.IsLockedOutAsync(user))
        {
            return new ProviderOutcome.Refused(ProviderRefusal.Stopped);
        }

        if (provider.Groups.Count > 0 && !await ApplyGroupsAsync(provider, external, user, member, cancellationToken))
        {
            return new ProviderOutcome.Refused(ProviderRefusal.NoRole);
        }

        if (UsedSecondFactor(external))
        {
            return new ProviderOutcome.SignedIn(user, ProviderSecondFactor: true);
        }

        return provider.WithoutSecondFactor == ProviderWithoutSecondFactor.Refuse
            ? new ProviderOutcome.Refused(ProviderRefusal.SecondFactorMissing)
            : new ProviderOutcome.NeedsSecondFactor(user);
    }

    /// <summary>The switched-on provider with this key, or null.</summary>
    public async Task<IdentityProvider?> FindEnabledAsync(string key, CancellationToken cancellationToken) =>
        key.Length > IdentityProvider.KeyMaxLength
            ? null
            : await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Key == key && p.IsEnabled, cancellationToken);

    /// <summary>A staff member's email address, to send as the provider's hint.</summary>
    public async Task<string?> EmailOfAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.StaffMembers.AsNoTracking().Where(s => s.Id == new UserId(userId)).Select(s => s.Email).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether the provider says the email address is the person's own: <c>email_verified</c>, or Entra ID's <c>xms_edov</c>.</summary>
    public static bool IsVerified(ClaimsPrincipal external) =>
        string.Equals(external.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase)
        || string.Equals(external.FindFirstValue("xms_edov"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the provider says a second factor was used: <c>amr</c> holds "mfa", or two different methods of RFC 8176,
    /// or <c>acr</c> names a multi-factor level.
    /// </summary>
    public bool UsedSecondFactor(ClaimsPrincipal external)
    {
        var methods = external.FindAll("amr").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var acr = external.FindFirstValue("acr");
        return methods.Contains("mfa")
               || methods.Count(m => m is "pwd" or "otp" or "hwk" or "swk" or "sms" or "tel" or "fpt" or "face" or "iris" or "pin" or "sc" or "kba") >= 2
               || (acr is not null && (acr.Contains("mfa", StringComparison.OrdinalIgnoreCase) || options.Value.SecondFactorAcrValues.Contains(acr, StringComparer.Ordinal)));
    }

    private async Task<bool> InAgencyAsync(Guid userId, AgencyId agency, CancellationToken cancellationToken) =>
        await (from s in db.StaffMembers
               join t in db.Teams on s.TeamId equals t.Id
               where s.Id == new UserId(userId) && t.AgencyId == agency
               select s.Id).AnyAsync(cancellationToken);

    /// <summary>Roles and team from the provider's groups, taking effect now; false when no group gives a role.</summary>
    private async Task<bool> ApplyGroupsAsync(IdentityProvider provider, ClaimsPrincipal external, ApplicationUser user, StaffMember member, CancellationToken cancellationToken)
    {
        var groups = external.FindAll(provider.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var mapped = provider.Groups.Where(g => groups.Contains(g.Group)).ToList();
        var roles = mapped.Select(g => g.Role).Where(Roles.ForPeople.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
        if (mapped.Any(g => !Roles.ForPeople.Contains(g.Role)))
        {
            logger.LogWarning("Provider {Provider} maps a group to a role Locality does not have; it was ignored", provider.Key);
        }

        if (roles.Count == 0)
        {
            return false;
        }

        if (mapped.FirstOrDefault(g => g.TeamId is not null)?.TeamId is { } team && team != member.TeamId
            && await db.Teams.AnyAsync(t => t.Id == team && t.AgencyId == provider.AgencyId, cancellationToken))
        {
            member.Change(member.DisplayName, team);
            await db.SaveChangesAsync(cancellationToken);
        }

        var current = await users.GetRolesAsync(user);
        if (!current.Order(StringComparer.Ordinal).SequenceEqual(roles))
        {
            Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
            Check(await users.AddToRolesAsync(user, roles.Except(current)));
        }

        return true;
    }

    /// <summary>Someone the provider vouches for but Locality does not know: an account with no rights, waiting for approval.</summary>
    private async Task CreateWaitingAsync(IdentityProvider provider, string subject, string email, string? name, CancellationToken cancellationToken)
    {
        var displayName = string.IsNullOrWhiteSpace(name) ? email : name.Trim();
        if (displayName.Length > StaffMember.DisplayNameMaxLength)
        {
            displayName = displayName[..StaffMember.DisplayNameMaxLength];
        }

        var member = StaffMember.Waiting(UserId.New(), displayName, email, provider.DefaultTeamId);
        db.StaffMembers.Add(member);
        var user = new ApplicationUser
        {
            Id = member.Id.Value,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            LockoutEnabled = true,
            // No sign-in of any kind until an administrator approves the account.
            LockoutEnd = DateTimeOffset.MaxValue,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddLoginAsync(user, new UserLoginInfo(ProviderSchemes.LoginProvider(provider.Key), subject, provider.Name)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The identity store refused a change: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
