using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>Records one NPS answer of an account (optionally of one of its contacts).</summary>
public static class RecordSurveyResponse
{
    public sealed record Command : ICommand<Guid>, ISurveyFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public Guid AccountId { get; init; }
        public Guid? ContactId { get; init; }
        public DateOnly Date { get; init; }
        public int? Nps { get; init; }
        public string? Comment { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.AccountId).MustExistIn(db.Accounts, "Account");
            Include(new SurveyFieldsValidator<Command>(db, clock));
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || await db.SurveyResponses.IsFreeAsync(s => s.Id == id, ct))
                .WithMessage("A survey response with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var response = new SurveyResponse
            {
                Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid(),
                AccountId = command.AccountId,
            };
            command.ApplyTo(response);
            db.SurveyResponses.Add(response);
            return ValueTask.FromResult(response.Id);
        }
    }
}
