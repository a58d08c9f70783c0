using FluentValidation;
using Locality.Application.Access;
using Locality.Application.Common.Interfaces;
using Locality.Application.Common.Security;
using Locality.Application.Common.Time;
using Locality.Application.Common.Validation;
using Locality.Application.People;
using Locality.Domain.Access;
using Locality.Domain.Conversations;
using Locality.Domain.Plans;
using MediatR;

namespace Locality.Application.Plans;

/// <summary>Records a strength in the person's words, with its kind and who noticed it.</summary>
[AllowedFor(Roles.KeyWorker, Roles.TeamLead)]
[Touches(RecordSection.StrengthsAndPlan)]
public sealed record AddStrength(Guid PersonId, StrengthKind? Kind, string Text, string NoticedBy) : IRequest<PlanDto>, IChangesPerson;

internal sealed class AddStrengthValidator : AbstractValidator<AddStrength>
{
    public AddStrengthValidator()
    {
        RuleFor(x => x.Kind).NotNull().WithMessage("Choose what kind of strength it is").IsInEnum().WithMessage("Choose what kind of strength it is");
        RuleFor(x => x.Text).RequiredText("the strength, in their words", Strength.TextMaxLength);
        RuleFor(x => x.NoticedBy).RequiredText("who noticed it", Strength.NoticedByMaxLength);
    }
}

internal sealed class AddStrengthHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AddStrength, PlanDto>
{
    public async Task<PlanDto> Handle(AddStrength request, CancellationToken cancellationToken)
    {
        var moment = clock.Now();
        var conversation = await PersonLookup.ConversationForChangeAsync(db, request.PersonId, cancellationToken);
        var strength = new Strength(conversation.PersonId, request.Kind!.Value, request.Text, request.NoticedBy, user.UserId, moment.Now);
        db.Strengths.Add(strength);
        db.TimelineEntries.Add(conversation.RecordPlanChange(EntryKind.StrengthRecorded, $"A strength: {strength.Text} (noticed by {Domain.Common.WhoWords.AfterBy(strength.NoticedBy)})", user.AsAuthor(), moment.Now));
        await db.SaveChangesAsync(cancellationToken);
        return await PlanQueries.ForPersonAsync(db, conversation.PersonId, moment.Today, null, cancellationToken);
    }
}
