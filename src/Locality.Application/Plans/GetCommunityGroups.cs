using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Domain.Community;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>The directory of local groups and assets, for a locality (or every locality), by name.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
public sealed record GetCommunityGroups(Guid? LocalityId = null) : IRequest<IReadOnlyList<CommunityGroupDto>>;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
public sealed record GetCommunityGroup(Guid Id) : IRequest<CommunityGroupDto>;

internal sealed class GetCommunityGroupsHandler(IApplicationDbContext db)
    : IRequestHandler<GetCommunityGroups, IReadOnlyList<CommunityGroupDto>>, IRequestHandler<GetCommunityGroup, CommunityGroupDto>
{
    public async Task<IReadOnlyList<CommunityGroupDto>> Handle(GetCommunityGroups request, CancellationToken cancellationToken) =>
        (await Query(db, request.LocalityId is { } l ? db.CommunityGroups.Where(g => g.LocalityId == new LocalityId(l)) : db.CommunityGroups)
            .ToListAsync(cancellationToken))
            .OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    public async Task<CommunityGroupDto> Handle(GetCommunityGroup request, CancellationToken cancellationToken) =>
        await Query(db, db.CommunityGroups.Where(g => g.Id == new CommunityGroupId(request.Id))).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Group");

    internal static IQueryable<CommunityGroupDto> Query(IApplicationDbContext db, IQueryable<CommunityGroup> groups) =>
        from g in groups.AsNoTracking()
        join l in db.Localities on g.LocalityId equals l.Id
        select new CommunityGroupDto(g.Id.Value, l.Id.Value, l.Name, g.Name, g.Kind, g.Offer, g.WhenAndWhere, g.Contact, g.Accessibility, g.LastCheckedOn, g.Version);
}
