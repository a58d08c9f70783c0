using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Organisations.Agencies;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Sharing;

/// <summary>Every agency, with its sharing agreement if it has one. For administrators.</summary>
[AllowedFor(Roles.Admin)]
public sealed record GetSharingAgreements : IRequest<IReadOnlyList<SharingAgreementDto>>;

/// <summary>One agency's agreement, with every version. For administrators.</summary>
[AllowedFor(Roles.Admin)]
public sealed record GetSharingAgreement(Guid AgencyId) : IRequest<SharingAgreementDto>;

internal sealed class GetSharingAgreementsHandler(IApplicationDbContext db, TimeProvider clock)
    : IRequestHandler<GetSharingAgreements, IReadOnlyList<SharingAgreementDto>>, IRequestHandler<GetSharingAgreement, SharingAgreementDto>
{
    public Task<IReadOnlyList<SharingAgreementDto>> Handle(GetSharingAgreements request, CancellationToken cancellationToken) =>
        DescribeAsync(db.Agencies.AsNoTracking(), withVersions: false, cancellationToken);

    public async Task<SharingAgreementDto> Handle(GetSharingAgreement request, CancellationToken cancellationToken) =>
        (await DescribeAsync(db.Agencies.AsNoTracking().Where(a => a.Id == new AgencyId(request.AgencyId)), withVersions: true, cancellationToken)).SingleOrDefault()
        ?? throw new Common.Exceptions.NotFoundException("Agency");

    private async Task<IReadOnlyList<SharingAgreementDto>> DescribeAsync(IQueryable<Agency> agencies, bool withVersions, CancellationToken cancellationToken)
    {
        var today = clock.Now().Today;
        var list = await agencies.OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var ids = list.Select(a => a.Id).ToList();
        var agreements = await db.SharingAgreements.AsNoTracking().Include(a => a.Versions).Where(a => ids.Contains(a.AgencyId))
            .ToDictionaryAsync(a => a.AgencyId, cancellationToken);
        var makers = agreements.Values.SelectMany(a => a.Versions).Select(v => v.MadeBy).OfType<UserId>().Distinct().ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => makers.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        return list.Select(agency =>
        {
            if (!agreements.TryGetValue(agency.Id, out var a))
            {
                return new SharingAgreementDto(null, agency.Id.Value, agency.Name, AgencyKinds.DisplayName(agency.Kind), [], false, null, null, 0, false, 0, []);
            }

            var versions = withVersions
                ? a.Versions.OrderByDescending(v => v.Number).Select(v => new SharingAgreementVersionDto(
                    v.Number, v.Sections, v.MayContribute, v.StartsOn, v.EndsOn, v.Note, v.MadeBy is { } m ? names.GetValueOrDefault(m) : null, v.MadeAt)).ToList()
                : [];
            return new SharingAgreementDto(
                a.Id.Value, agency.Id.Value, agency.Name, AgencyKinds.DisplayName(agency.Kind), a.Sections, a.MayContribute, a.StartsOn, a.EndsOn, a.Number,
                a.IsActiveOn(today), a.Version, versions);
        }).ToList();
    }
}
