using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Organisations.IdentityProviders;

/// <summary>Changes a provider's settings. Its agency and short name stay as they are.</summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record UpdateIdentityProvider(
    Guid Id,
    string Name,
    string Authority,
    string ClientId,
    string SecretName,
    IReadOnlyList<string> EmailDomains,
    string? GroupsClaim,
    IReadOnlyList<ProviderGroupBody> Groups,
    Guid DefaultTeamId,
    bool CreatesAccounts,
    ProviderWithoutSecondFactor WithoutSecondFactor,
    uint Version) : IRequest<IdentityProviderDto>, IProviderFields;

internal sealed class UpdateIdentityProviderValidator : AbstractValidator<UpdateIdentityProvider>
{
    public UpdateIdentityProviderValidator(IApplicationDbContext db, IOptions<IdentityProviderOptions> options) =>
        this.AddProviderRules(
            db,
            options.Value,
            async (request, ct) => await db.IdentityProviders.Where(p => p.Id == new IdentityProviderId(request.Id))
                .Select(p => (AgencyId?)p.AgencyId).SingleOrDefaultAsync(ct),
            x => x.Id);
}

internal sealed class UpdateIdentityProviderHandler(IApplicationDbContext db, IProviderSecrets secrets) : IRequestHandler<UpdateIdentityProvider, IdentityProviderDto>
{
    public async Task<IdentityProviderDto> Handle(UpdateIdentityProvider request, CancellationToken cancellationToken)
    {
        var id = new IdentityProviderId(request.Id);
        var provider = await db.IdentityProviders.SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Identity provider");
        db.ExpectVersion(provider, request.Version);
        provider.Change(IdentityProviderRules.Settings(request));
        provider.MapGroups(IdentityProviderRules.Groups(request));
        await db.SaveChangesAsync(cancellationToken);
        return await IdentityProviderQueries.GetAsync(db, secrets, id, cancellationToken);
    }
}
