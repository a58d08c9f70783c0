using FluentValidation;
using Locality.Application.Common.Security;
using MediatR;

namespace Locality.Application.Demand;

/// <summary>
/// The demand evidence taken away as a file: the same figures as <see cref="GetDemandEvidence"/>, with the addresses
/// of repeat call-outs among them, so the team lead confirms it is them first when their second factor is old.
/// </summary>
[AllowedFor(Roles.TeamLead)]
[AsksForRecentSecondFactor]
public sealed record ExportDemandEvidence(GetDemandEvidence Query) : IRequest<DemandEvidenceDto>;

internal sealed class ExportDemandEvidenceValidator : AbstractValidator<ExportDemandEvidence>
{
    public ExportDemandEvidenceValidator() => RuleFor(x => x.Query).NotNull().SetValidator(new GetDemandEvidenceValidator());
}

internal sealed class ExportDemandEvidenceHandler(IRequestHandler<GetDemandEvidence, DemandEvidenceDto> evidence)
    : IRequestHandler<ExportDemandEvidence, DemandEvidenceDto>
{
    public Task<DemandEvidenceDto> Handle(ExportDemandEvidence request, CancellationToken cancellationToken) =>
        evidence.Handle(request.Query, cancellationToken);
}
