using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions.Voice;

/// <summary>The synonym list that merges stated problems into themes (<see cref="VoiceThemes"/>); versioned like every edit.</summary>
public static class EditVoiceSynonyms
{
    public sealed record Query : IQuery<Command>;

    public sealed record Command : ICommand<Unit>
    {
        public Guid Version { get; init; }

        /// <summary>One <c>phrase = theme</c> per line.</summary>
        public string? Synonyms { get; init; }
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.VoiceSettings.AsNoTracking().Where(s => s.Id == VoiceSettings.SingletonId)
                .Select(s => new Command { Version = s.Version, Synonyms = s.Synonyms }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Voice settings", VoiceSettings.SingletonId);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Synonyms).MaximumLength(VoiceSettings.MaxSynonyms);
            RuleFor(c => c.Synonyms).Custom((text, context) =>
            {
                foreach (var error in VoiceThemes.Parse(text).Errors)
                {
                    context.AddFailure(nameof(Command.Synonyms), error);
                }
            });
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var settings = await db.VoiceSettings.SingleOrDefaultAsync(s => s.Id == VoiceSettings.SingletonId, cancellationToken)
                ?? throw new NotFoundException("Voice settings", VoiceSettings.SingletonId);
            db.Entry(settings).Property(s => s.Version).OriginalValue = command.Version;
            settings.Synonyms = (command.Synonyms ?? "").Trim().ReplaceLineEndings("\n");
            return Unit.Value;
        }
    }
}
