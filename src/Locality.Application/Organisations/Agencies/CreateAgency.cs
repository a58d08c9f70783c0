using FluentValidation;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Validation;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Organisations.Agencies;

[AllowedFor(Roles.Admin)]
public sealed record CreateAgency(string Name, AgencyKind Kind) : IRequest<AgencyDto>;

internal sealed class CreateAgencyValidator : AbstractValidator<CreateAgency>
{
    public CreateAgencyValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Name)
            .RequiredText("a name", Agency.NameMaxLength)
            .MustAsync(async (name, ct) => !await db.Agencies.AnyAsync(a => a.Name.ToLower() == name!.Trim().ToLower(), ct))
            .WithMessage("There is already an agency with this name");
        RuleFor(x => x.Kind).KnownValue("what kind of agency this is");
    }
}

internal sealed class CreateAgencyHandler(IApplicationDbContext db) : IRequestHandler<CreateAgency, AgencyDto>
{
    public async Task<AgencyDto> Handle(CreateAgency request, CancellationToken cancellationToken)
    {
        var agency = new Agency(AgencyId.New(), request.Name, request.Kind);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        return await AgencyQueries.GetAsync(db, agency.Id, cancellationToken);
    }
}
