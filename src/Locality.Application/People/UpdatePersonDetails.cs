using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Locality.Application.People;

[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(Domain.Access.RecordSection.IdentityAndContact)]
public sealed record UpdatePersonDetails : PersonFieldValues, IRequest<PersonDto>, IChangesPerson
{
    public UpdatePersonDetails()
    {
    }

    public UpdatePersonDetails(Guid personId, IPersonFields typed, uint version)
        : base(typed)
    {
        PersonId = personId;
        Version = version;
    }

    public Guid PersonId { get; init; }

    public uint Version { get; init; }
}

internal sealed class UpdatePersonDetailsValidator : AbstractValidator<UpdatePersonDetails>
{
    public UpdatePersonDetailsValidator(TimeProvider clock, IApplicationDbContext db)
    {
        this.AddPersonRules(clock);
        RuleFor(x => x.NhsNumber)
            .MustAsync(async (request, typed, ct) =>
            {
                var id = await PersonLookup.ResolveAsync(db, request.PersonId, ct);
                var digits = Domain.People.NhsNumber.Parse(typed!).Digits;
                return !await db.People.AnyAsync(p => p.Id != id && p.NhsNumber == digits && p.MergedIntoId == null, ct);
            })
            .WithMessage("Another person's record has this NHS number. If they are the same person, merge the two records")
            .When(x => Domain.People.NhsNumber.TryParse(x.NhsNumber, out _));
    }
}

internal sealed class UpdatePersonDetailsHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<UpdatePersonDetails, PersonDto>
{
    public async Task<PersonDto> Handle(UpdatePersonDetails request, CancellationToken cancellationToken)
    {
        var id = await PersonLookup.ResolveAsync(db, request.PersonId, cancellationToken);
        var person = await db.People.SingleAsync(p => p.Id == id, cancellationToken);
        db.ExpectVersion(person, request.Version);
        var details = request.ToDetails();
        var today = clock.Now().Today;
        person.Change(details, today);
        await db.SaveChangesAsync(cancellationToken);
        return PersonQueries.ToDto(person, today);
    }
}
