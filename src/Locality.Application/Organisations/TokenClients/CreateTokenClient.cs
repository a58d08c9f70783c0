using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Application.Organisations.IdentityProviders;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Locality.Application.Organisations.TokenClients;

/// <summary>
/// Lets a partner agency's system call the API with access tokens from its own provider (OAuth client credentials): the
/// provider's issuer address, the client id it gives that system, and the audience its tokens carry (Locality's own
/// unless another is named).
/// </summary>
[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateTokenClient(Guid AgencyId, string Name, string Issuer, string ClientId, string? Audience) : IRequest<TokenClientDto>;

internal sealed class CreateTokenClientValidator : AbstractValidator<CreateTokenClient>
{
    public CreateTokenClientValidator(IApplicationDbContext db, IOptions<IdentityProviderOptions> options)
    {
        var allowHttp = options.Value.AllowHttp;
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency whose system will use these tokens")
            .ExistingAgency(db);
        RuleFor(x => x.Name).RequiredText("a name for the system, such as 'Incident feed'", TokenClient.NameMaxLength);
        RuleFor(x => x.Issuer)
            .RequiredText("the address of the provider that issues the tokens", IdentityProvider.AuthorityMaxLength)
            .Must(issuer => IsIssuer(issuer, allowHttp))
            .WithMessage(allowHttp
                ? "Enter the provider's address, starting http:// or https://, for example https://login.example.org/tenant"
                : "Enter the provider's address, starting https://, for example https://login.example.org/tenant");
        RuleFor(x => x.ClientId)
            .RequiredText("the client id the provider gives this system", IdentityProvider.ClientIdMaxLength)
            .MustAsync(async (request, _, ct) => await RegisteredAsync(db, request, ct) is not { } removed || removed)
            .WithMessage("This client of that provider is already registered. Remove it first to register it again.")
            .MustAsync(async (request, _, ct) => await RegisteredAsync(db, request, ct) is null)
            .WithMessage("This client of that provider was registered before and removed. Ask the provider for a new client id.");
        RuleFor(x => x.Audience).OptionalText("the audience its tokens carry", IdentityProvider.ClientIdMaxLength);
    }

    private static bool IsIssuer(string? issuer, bool allowHttp) =>
        Uri.TryCreate(issuer?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>Whether that client of that issuer was ever registered: null if not, else whether it has been removed.</summary>
    private static async Task<bool?> RegisteredAsync(IApplicationDbContext db, CreateTokenClient request, CancellationToken cancellationToken)
    {
        // An issuer and client id are registered once, ever (a removed one stays, so the audit can name it).
        var issuer = TokenClientQueries.Issuer(request.Issuer ?? string.Empty);
        var clientId = request.ClientId.Trim();
        return await db.TokenClients.Where(c => c.Issuer == issuer && c.ClientId == clientId)
            .Select(c => (bool?)(c.RevokedAt != null)).FirstOrDefaultAsync(cancellationToken);
    }
}

internal sealed class CreateTokenClientHandler(IApplicationDbContext db) : IRequestHandler<CreateTokenClient, TokenClientDto>
{
    public async Task<TokenClientDto> Handle(CreateTokenClient request, CancellationToken cancellationToken)
    {
        var client = new TokenClient(
            TokenClientId.New(), new AgencyId(request.AgencyId), request.Name.Trim(), TokenClientQueries.Issuer(request.Issuer), request.ClientId.Trim(),
            request.Audience?.Trim());
        db.TokenClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return await TokenClientQueries.GetAsync(db, client.Id, cancellationToken);
    }
}
