using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Organisations;
using MediatR;

namespace Locality.Application.Sharing;

/// <summary>Sharing without consent: a lawful basis, with a reason and who decided, for one partner agency and a period.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.IdentityAndContact)]
public sealed record RecordLawfulBasis(
    Guid PersonId, Guid AgencyId, LawfulBasisKind? Kind, IReadOnlyList<RecordSection>? Sections, string Reason, string DecidedBy,
    DateOnly? StartsOn = null, DateOnly? EndsOn = null) : IRequest<PersonSharingDto>, IChangesPerson;

internal sealed class RecordLawfulBasisValidator : AbstractValidator<RecordLawfulBasis>
{
    public RecordLawfulBasisValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.AgencyId)
            .RequiredId("the agency it allows sharing with")
            .ExistingAgency(db);
        RuleFor(x => x.Kind).NotNull().WithMessage("Select the lawful basis").IsInEnum().WithMessage("Select the lawful basis");
        RuleFor(x => x.Sections).AtMostLongestList("parts of the record");
        RuleForEach(x => x.Sections).IsInEnum().WithMessage("Select parts of the record from the list");
        RuleFor(x => x.Reason).RequiredText("why it is needed without their consent", LawfulBasis.ReasonMaxLength);
        RuleFor(x => x.DecidedBy).RequiredText("who decided", LawfulBasis.DecidedByMaxLength);
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("The end date must be on or after the start date")
            .When(x => x.EndsOn is not null && x.StartsOn is not null);
    }
}

internal sealed class RecordLawfulBasisHandler(IApplicationDbContext db, TimeProvider clock, IPartnerSharing sharing)
    : IRequestHandler<RecordLawfulBasis, PersonSharingDto>
{
    public async Task<PersonSharingDto> Handle(RecordLawfulBasis request, CancellationToken cancellationToken)
    {
        var person = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        db.LawfulBases.Add(new LawfulBasis(
            person, new AgencyId(request.AgencyId), request.Kind!.Value, request.Sections ?? [], request.Reason, request.DecidedBy,
            request.StartsOn ?? clock.Now().Today, request.EndsOn));
        await db.SaveChangesAsync(cancellationToken);
        return await SharingQueries.ForPersonAsync(db, sharing, clock, person, cancellationToken);
    }
}
