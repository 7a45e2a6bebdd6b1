using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Targets;

/// <summary>
/// Sets the revenue target of one fiscal quarter for one scope. Without an id it creates the target, or updates the
/// one already set for that quarter, scope and key. With an id it changes that target (the version must be current,
/// and it cannot take the quarter, scope and key of another target).
/// </summary>
public static class SetQuarterlyTarget
{
    /// <summary>How many fiscal years ahead of the current one a target may be set.</summary>
    public const int MaxYearsAhead = 5;

    public const int EarliestFiscalYear = 2000;

    /// <summary>The form for target <paramref name="Id"/>.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Result>
    {
        /// <summary>The target to change; empty to create or update by quarter, scope and key.</summary>
        public Guid? Id { get; init; }

        /// <summary>The version read; required with an id, optional (checked when given) otherwise.</summary>
        public Guid? Version { get; init; }
        public int FiscalYear { get; init; }
        public int FiscalQuarter { get; init; }
        public TargetScope Scope { get; init; }

        /// <summary>Empty for the company; else a region name, a territory name, a rep's e-mail or a product family.</summary>
        public string? ScopeKey { get; init; }
        public decimal RevenueTarget { get; init; }
    }

    public sealed record Result(Guid Id, bool Created);

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.QuarterlyTargets.AsNoTracking().Where(t => t.Id == query.Id)
                .Select(t => new Command
                {
                    Id = t.Id, Version = t.Version, FiscalYear = t.FiscalYear, FiscalQuarter = t.FiscalQuarter, Scope = t.Scope,
                    ScopeKey = t.ScopeKey, RevenueTarget = t.RevenueTarget,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Target", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db, TimeProvider clock, FiscalCalendar calendar)
        {
            RuleFor(c => c.Id!.Value).MustExistIn(db.QuarterlyTargets, "Target").OverridePropertyName(nameof(Command.Id))
                .When(c => c.Id is { } id && id != Guid.Empty);
            RuleFor(c => c.Version).NotEmpty().When(c => c.Id is { } id && id != Guid.Empty)
                .WithMessage("Send the version you read.");
            RuleFor(c => c.FiscalYear)
                .GreaterThanOrEqualTo(EarliestFiscalYear).WithMessage($"Fiscal year must be {EarliestFiscalYear} or later.")
                .Must(year => year <= calendar.FiscalYearOf(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) + MaxYearsAhead)
                .WithMessage($"Fiscal year cannot be more than {MaxYearsAhead} years ahead.");
            RuleFor(c => c.FiscalQuarter).InclusiveBetween(1, 4).WithMessage("Fiscal quarter must be from 1 to 4.");
            RuleFor(c => c.Scope).IsInEnum();
            RuleFor(c => c.RevenueTarget).GreaterThanOrEqualTo(0).WithMessage("Revenue target cannot be negative.").LessThan(1_000_000_000_000m);
            RuleFor(c => c.ScopeKey).MaximumLength(256)
                .MustAsync(async (c, key, ct) => await TargetScopeKeys.ResolveAsync(db, c.Scope, key, ct) is not null)
                .When(c => Enum.IsDefined(c.Scope))
                .WithMessage(c => c.Scope == TargetScope.Company
                    ? "A company target has no scope key."
                    : $"Scope key must name an existing {c.Scope switch { TargetScope.ProductFamily => "product family", TargetScope.Rep => "rep (by e-mail)", _ => c.Scope.ToString().ToLowerInvariant() }}.");
            RuleFor(c => c.ScopeKey)
                .MustAsync(async (c, key, ct) =>
                {
                    var resolved = await TargetScopeKeys.ResolveAsync(db, c.Scope, key, ct);
                    return resolved is null || !await db.QuarterlyTargets.AnyAsync(t => t.Id != c.Id && t.FiscalYear == c.FiscalYear
                        && t.FiscalQuarter == c.FiscalQuarter && t.Scope == c.Scope && t.ScopeKey == resolved, ct);
                })
                .When(c => c.Id is { } id && id != Guid.Empty && Enum.IsDefined(c.Scope))
                .WithMessage("A target for this quarter, scope and key already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await TargetScopeKeys.ResolveAsync(db, command.Scope, command.ScopeKey, cancellationToken) ?? "";
            var target = command.Id is { } id && id != Guid.Empty
                ? await db.QuarterlyTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Target", id)
                : await db.QuarterlyTargets.SingleOrDefaultAsync(t => t.FiscalYear == command.FiscalYear && t.FiscalQuarter == command.FiscalQuarter
                    && t.Scope == command.Scope && t.ScopeKey == key, cancellationToken);
            var created = target is null;
            if (target is null)
            {
                target = new QuarterlyTarget();
                db.QuarterlyTargets.Add(target);
            }
            else if (command.Version is { } version && version != Guid.Empty)
            {
                db.Entry(target).Property(t => t.Version).OriginalValue = version;

                // Saved even when nothing changed, so a stale version is refused rather than ignored.
                db.Entry(target).State = EntityState.Modified;
            }

            target.FiscalYear = command.FiscalYear;
            target.FiscalQuarter = command.FiscalQuarter;
            target.Scope = command.Scope;
            target.ScopeKey = key;
            target.RevenueTarget = command.RevenueTarget;
            return new Result(target.Id, created);
        }
    }

    /// <summary>"2026-Q3" of a target.</summary>
    public static string Label(int fiscalYear, int fiscalQuarter) =>
        fiscalQuarter is >= 1 and <= 4 && fiscalYear is >= 1 and <= 9998 ? new FiscalQuarter(fiscalYear, fiscalQuarter).Label : $"{fiscalYear}-Q{fiscalQuarter}";
}
