using CsvHelper;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// Writes every record of one kind (scores included) as CSV in the columns of design section 8, sorted by the key,
/// in the formats the import reads, so an export re-imports unchanged; text a spreadsheet would run as a formula is
/// neutralised (see <see cref="CsvFile.Neutralise"/>) and restored by the import.
/// </summary>
public static class ExportCsv
{
    /// <summary>Every kind, importable or not.</summary>
    public static IReadOnlyList<string> Kinds { get; } = CsvKinds.All.Select(k => k.Name).ToList();

    public sealed record Query(string Kind, Stream Output) : IQuery<Result>
    {
        public override string ToString() => $"ExportCsv.Query {{ Kind = {Kind} }}";
    }

    public sealed record Result(string Kind, int Rows);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind).Must(kind => CsvKinds.Find(kind) is not null).WithMessage($"Kind must be one of: {string.Join(", ", Kinds)}.");
            RuleFor(q => q.Output).NotNull();
        }
    }

    public sealed class Handler(AppDbContext db, ICurrentUser currentUser) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!currentUser.IsSystem && !currentUser.IsInRole(Roles.Admin))
            {
                throw new ForbiddenException("Only administrators export data.");
            }

            var kind = CsvKinds.Find(query.Kind)!;
            var rows = await kind.ExportAsync(db, cancellationToken);
            await using var writer = CsvWriter.Create(query.Output, CsvFile.WriterOptions(), leaveOpen: true);
            await writer.WriteRecordAsync([.. kind.Columns], cancellationToken);
            foreach (var row in rows)
            {
                await writer.WriteRecordAsync([.. row.Select(cell => CsvFile.Neutralise(cell ?? ""))], cancellationToken);
            }

            await writer.FlushAsync(cancellationToken);
            return new Result(kind.Name, rows.Count);
        }
    }
}
