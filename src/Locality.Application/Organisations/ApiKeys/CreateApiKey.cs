using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Organisations.ApiKeys;

[AllowedFor(Roles.Admin)]
[AsksForRecentSecondFactor]
public sealed record CreateApiKey(Guid AgencyId, string Name) : IRequest<CreatedApiKeyDto>;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency whose system will use the key")
            .ExistingAgency(db);
        RuleFor(x => x.Name).RequiredText("a name for the key, such as the system that will use it", PartnerApiKey.NameMaxLength);
    }
}

internal sealed class CreateApiKeyHandler(IApplicationDbContext db) : IRequestHandler<CreateApiKey, CreatedApiKeyDto>
{
    public async Task<CreatedApiKeyDto> Handle(CreateApiKey request, CancellationToken cancellationToken)
    {
        var (key, prefix, hash) = ApiKeySecret.Generate();
        var apiKey = new PartnerApiKey(ApiKeyId.New(), new AgencyId(request.AgencyId), request.Name, prefix, hash);
        db.PartnerApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKeyDto(await ApiKeyQueries.GetAsync(db, apiKey.Id, cancellationToken), key);
    }
}
