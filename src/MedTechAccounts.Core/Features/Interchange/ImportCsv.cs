using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// Imports one CSV file of design section 8: upsert by the external key, all or nothing. Every line is parsed and
/// checked first and every problem reported as <c>line N: column: reason</c>; with any problem nothing is changed.
/// Otherwise every record is applied in the command's one transaction (audited, accounts marked stale).
/// </summary>
public static class ImportCsv
{
    /// <summary>The kinds that can be imported, in the order a whole portfolio is loaded.</summary>
    public static IReadOnlyList<string> Kinds { get; } = CsvKinds.All.Where(k => k.CanImport).Select(k => k.Name).ToList();

    /// <summary>The columns of <paramref name="kind"/> (key first), or null for an unknown kind.</summary>
    public static IReadOnlyList<string>? ColumnsOf(string kind) => CsvKinds.Find(kind)?.Columns;

    /// <param name="ConfirmedNoPatientInformation">
    /// The administrator confirmed that the file's interaction notes hold no patient information, so notes the check
    /// flags are imported; without it each flagged line is refused with the check's reasons.
    /// </param>
    public sealed record Command(string Kind, Stream Content, bool ConfirmedNoPatientInformation = false) : ICommand<Result>
    {
        public override string ToString() => $"ImportCsv.Command {{ Kind = {Kind}, ConfirmedNoPatientInformation = {ConfirmedNoPatientInformation} }}";
    }

    /// <summary>Counts are per record (per order for orders); with <see cref="Errors"/> nothing was changed.</summary>
    public sealed record Result(string Kind, int Lines, int Created, int Updated, int Unchanged, IReadOnlyList<CsvError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).Must(kind => CsvKinds.Find(kind) is { CanImport: true })
                .WithMessage(c => CsvKinds.Find(c.Kind) is { CanImport: false }
                    ? $"{c.Kind.Trim().ToLowerInvariant()} can be exported only."
                    : $"Kind must be one of: {string.Join(", ", Kinds)}.");
            RuleFor(c => c.Content).NotNull();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsSystem && !currentUser.IsInRole(Roles.Admin))
            {
                throw new ForbiddenException("Only administrators import data.");
            }

            var kind = CsvKinds.Find(command.Kind)!;
            var errors = new List<CsvError>();
            // PostgreSQL keeps microseconds; SQLite and SQL Server keep every tick.
            var resolution = db.Database.IsNpgsql() ? 10 : 1;
            var lines = await CsvFile.ReadAsync(command.Content, kind.Columns, errors, cancellationToken, resolution);
            if (errors.Count > 0 && lines.Count == 0)
            {
                return new Result(kind.Name, 0, 0, 0, 0, errors);
            }

            var session = new ImportSession(db, currentUser, clock, errors, command.ConfirmedNoPatientInformation);
            var changes = await kind.PrepareAsync(session, lines, cancellationToken);
            if (errors.Count > 0)
            {
                return new Result(kind.Name, lines.Count, 0, 0, 0, [.. errors.OrderBy(e => e.Line)]);
            }

            int created = 0, updated = 0, unchanged = 0;
            foreach (var change in changes)
            {
                switch (change())
                {
                    case ImportOutcome.Created: created++; break;
                    case ImportOutcome.Updated: updated++; break;
                    default: unchanged++; break;
                }
            }

            return new Result(kind.Name, lines.Count, created, updated, unchanged, []);
        }
    }
}
