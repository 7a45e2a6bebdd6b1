using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Surveys;

/// <summary>Corrects a survey response; the account does not change.</summary>
public static class EditSurveyResponse
{
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, ISurveyFields
    {
        public Guid Id { get; init; }

        /// <summary>The account of the response (a response does not move between accounts).</summary>
        public Guid AccountId { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public Guid? ContactId { get; init; }
        public DateOnly Date { get; init; }
        public int? Nps { get; init; }
        public string? Comment { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<SurveyResponse, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.SurveyResponses.AsNoTracking().Where(s => s.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Survey response", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Id).MustExistIn(db.SurveyResponses, "Survey response");
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.AccountId)
                .MustAsync(async (c, accountId, ct) => await db.SurveyResponses.AnyAsync(s => s.Id == c.Id && s.AccountId == accountId, ct))
                .WithMessage("A survey response cannot be moved to another account.");
            Include(new SurveyFieldsValidator<Command>(db, clock));
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var response = await db.SurveyResponses.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Survey response", command.Id);
            db.Entry(response).Property(s => s.Version).OriginalValue = command.Version;
            command.ApplyTo(response);
            return response.Id;
        }
    }
}
