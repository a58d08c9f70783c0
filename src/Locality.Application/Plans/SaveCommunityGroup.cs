using FluentValidation;
using Locality.Application.Common.Exceptions;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Domain.Community;
using Locality.Domain.Organisations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.Plans;

/// <summary>Adds a group to a locality's directory (no id) or updates one. <c>Version</c> as read (409 if it changed since).</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead, Roles.Admin)]
[AsksForRecentSecondFactor(Roles.Admin)]
public sealed record SaveCommunityGroup(
    Guid? Id, Guid LocalityId, string Name, GroupKind? Kind, string Offer, string? WhenAndWhere, string? Contact, string? Accessibility, DateOnly? LastCheckedOn,
    uint Version = 0) : IRequest<CommunityGroupDto>;

internal sealed class SaveCommunityGroupValidator : AbstractValidator<SaveCommunityGroup>
{
    public SaveCommunityGroupValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.LocalityId).RequiredId("the locality")
            .ExistingLocality(db, "Choose a locality from the list");
        RuleFor(x => x.Name).RequiredText("the group's name", CommunityGroup.NameMaxLength);
        RuleFor(x => x.Kind).NotNull().WithMessage("Choose what kind of group it is").IsInEnum().WithMessage("Choose what kind of group it is");
        RuleFor(x => x.Offer).RequiredText("what it offers", CommunityGroup.TextMaxLength);
        RuleFor(x => x.WhenAndWhere).OptionalText("when and where", CommunityGroup.TextMaxLength);
        RuleFor(x => x.Contact).OptionalText("how to get in touch", CommunityGroup.ContactMaxLength);
        RuleFor(x => x.Accessibility).OptionalText("the accessibility notes", CommunityGroup.TextMaxLength);
        RuleFor(x => x.LastCheckedOn).NotNull().WithMessage("Enter when someone last checked it is running")
            .Must(d => d <= clock.Now().Today).WithMessage("The date it was last checked must be today or in the past");
    }
}

internal sealed class SaveCommunityGroupHandler(IApplicationDbContext db) : IRequestHandler<SaveCommunityGroup, CommunityGroupDto>
{
    public async Task<CommunityGroupDto> Handle(SaveCommunityGroup request, CancellationToken cancellationToken)
    {
        CommunityGroup group;
        if (request.Id is { } id)
        {
            group = await db.CommunityGroups.SingleOrDefaultAsync(g => g.Id == new CommunityGroupId(id), cancellationToken) ?? throw new NotFoundException("Group");
            db.ExpectVersion(group, request.Version);
            group.Update(request.Name, request.Kind!.Value, request.Offer, request.WhenAndWhere, request.Contact, request.Accessibility, request.LastCheckedOn!.Value);
        }
        else
        {
            group = new CommunityGroup(new LocalityId(request.LocalityId), request.Name, request.Kind!.Value, request.Offer, request.WhenAndWhere, request.Contact,
                request.Accessibility, request.LastCheckedOn!.Value);
            db.CommunityGroups.Add(group);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await GetCommunityGroupsHandler.Query(db, db.CommunityGroups.Where(g => g.Id == group.Id)).SingleAsync(cancellationToken);
    }
}
