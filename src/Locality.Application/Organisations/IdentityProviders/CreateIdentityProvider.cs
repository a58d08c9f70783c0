using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>
/// An agency's own OpenID Connect provider: its staff whose email is in one of its domains sign in there. The short
/// name (<see cref="Key"/>) is in the addresses the council registers at the provider, so it is fixed once chosen.
/// </summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateIdentityProvider(
    Guid AgencyId,
    string Key,
    string Name,
    string Authority,
    string ClientId,
    string SecretName,
    IReadOnlyList<string> EmailDomains,
    string? GroupsClaim,
    IReadOnlyList<ProviderGroupBody> Groups,
    Guid DefaultTeamId,
    bool CreatesAccounts,
    ProviderWithoutSecondFactor WithoutSecondFactor) : IRequest<IdentityProviderDto>, IProviderFields;

internal sealed class CreateIdentityProviderValidator : AbstractValidator<CreateIdentityProvider>
{
    public CreateIdentityProviderValidator(IApplicationDbContext db, IOptions<IdentityProviderOptions> options)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency whose staff sign in through it")
            .ExistingAgency(db);
        RuleFor(x => x.Key)
            .RequiredText("a short name for its addresses", IdentityProvider.KeyMaxLength)
            .Must(key => IdentityProviderRules.IsKeyShaped(key!.Trim()))
            .WithMessage("Use only lower-case letters and digits, with single hyphens between them, like wigan-council")
            .MustAsync(async (key, ct) => !await db.IdentityProviders.AnyAsync(p => p.Key == key!.Trim(), ct))
            .WithMessage("Another provider already has this short name");
        this.AddProviderRules(db, options.Value, async (request, ct) =>
            await db.Agencies.AnyAsync(a => a.Id == new AgencyId(request.AgencyId), ct) ? new AgencyId(request.AgencyId) : null);
    }
}

internal sealed class CreateIdentityProviderHandler(IApplicationDbContext db, IProviderSecrets secrets) : IRequestHandler<CreateIdentityProvider, IdentityProviderDto>
{
    public async Task<IdentityProviderDto> Handle(CreateIdentityProvider request, CancellationToken cancellationToken)
    {
        var provider = new IdentityProvider(IdentityProviderId.New(), new AgencyId(request.AgencyId), request.Key, IdentityProviderRules.Settings(request));
        provider.MapGroups(IdentityProviderRules.Groups(request));
        db.IdentityProviders.Add(provider);
        await db.SaveChangesAsync(cancellationToken);
        return await IdentityProviderQueries.GetAsync(db, secrets, provider.Id, cancellationToken);
    }
}
