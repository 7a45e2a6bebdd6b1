using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>
/// The executive dashboard: the <see cref="QuarterlyView"/> of the current fiscal quarter and the last eight for the
/// company, a region, a product family or a product family within a region, and the latest CLV fit's backtest
/// (predicted against actual holdout orders per frequency bucket, mean absolute error) so the CLV can be trusted.
/// </summary>
public static class ExecutiveDashboard
{
    public sealed record Query : IQuery<Result>, ICachedQuery
    {
        public string? Region { get; init; }
        public string? Family { get; init; }
        public int Quarters { get; init; } = 9;
    }

    public sealed record Result(string? Region, string? Family, TargetScope Scope, string ScopeKey, QuarterlyView.Result View, FitBacktest? Backtest)
    {
        public QuarterlyView.QuarterRow? Current => View.Quarters.FirstOrDefault(q => q.Current);
    }

    /// <summary>
    /// The latest stored fit and its calibration/holdout backtest; <c>Buckets</c> is empty when the fit had none. A fit
    /// stored since the champion is chosen by holdout also says why its model is in use (<c>Reason</c>), whether it beats
    /// the naive guess, and every challenger's figures; an older fit has a null <c>Reason</c> and no challengers.
    /// </summary>
    public sealed record FitBacktest(
        Guid FitId, DateTime FittedAt, string Model, DateOnly DataFrom, DateOnly DataTo, int Accounts,
        DateOnly? CalibrationEnd, DateOnly? HoldoutEnd, int Customers, double ActualTransactions, double PredictedTransactions,
        double? MeanAbsoluteError, double? NaiveMeanAbsoluteError, IReadOnlyList<Bucket> Buckets,
        bool? BeatsNaive = null, string? Reason = null, IReadOnlyList<Challenger>? Challengers = null)
    {
        /// <summary>"naive" reads as what it is.</summary>
        public string ModelTitle => ModelTitles.GetValueOrDefault(Model, Model);

        /// <summary>How much lower the model's holdout error is than the naive guess's (a fraction; negative when worse).</summary>
        public double? GainOverNaive => MeanAbsoluteError is { } m && NaiveMeanAbsoluteError is { } n && n > 0 ? (n - m) / n : null;
    }

    /// <summary>One challenger of a champion selection: its holdout error, gain over the naive guess and whether it could win.</summary>
    public sealed record Challenger(
        string Model, double? MeanAbsoluteError, double? PredictedTransactions, double? CalibrationLogLikelihood, double? HoldoutLogScore,
        double? GainOverNaive, double? GainStandardErrors, bool Eligible, string? Note)
    {
        public string ModelTitle => ModelTitles.GetValueOrDefault(Model, Model);
    }

    /// <summary>Display names of the transaction models.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModelTitles = new Dictionary<string, string>
    {
        ["bgnbd"] = "BG/NBD",
        ["paretonbd"] = "Pareto/NBD",
        ["mbgnbd"] = "MBG/NBD",
        ["mbgcnbd"] = "MBG/CNBD-k",
        ["nbd"] = "NBD",
        ["naive"] = "naive rate with heterogeneity shrinkage",
    };

    /// <summary>One frequency bucket: customers, mean predicted and actual holdout orders per customer, and the naive guess.</summary>
    public sealed record Bucket(string Frequency, int Customers, double Predicted, double Actual, double Naive);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Region).MaximumLength(100);
            RuleFor(q => q.Family).MaximumLength(100);
            RuleFor(q => q.Quarters).InclusiveBetween(1, QuarterlyView.MaxQuarters);
        }
    }

    public sealed class Handler(AppDbContext db, ISender sender) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var view = ViewOf(query);
            var quarters = await sender.Send(view, ct);
            var fit = await db.ClvFits.AsNoTracking().OrderByDescending(f => f.FittedAt).FirstOrDefaultAsync(ct);
            return new Result(Blank(query.Region), Blank(query.Family), view.Scope, view.Key ?? "", quarters, fit is null ? null : BacktestOf(fit));
        }
    }

    /// <summary>
    /// Region and family to a quarterly view: neither is the company, one is that scope (with its target), both is the
    /// region narrowed to the family (no target is set at that grain).
    /// </summary>
    public static QuarterlyView.Query ViewOf(Query query)
    {
        var (region, family) = (Blank(query.Region), Blank(query.Family));
        return (region, family) switch
        {
            (null, null) => new QuarterlyView.Query { Scope = TargetScope.Company, Quarters = query.Quarters },
            (null, _) => new QuarterlyView.Query { Scope = TargetScope.ProductFamily, Key = family, Quarters = query.Quarters },
            (_, null) => new QuarterlyView.Query { Scope = TargetScope.Region, Key = region, Quarters = query.Quarters },
            _ => new QuarterlyView.Query { Scope = TargetScope.Region, Key = region, Family = family, Quarters = query.Quarters },
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A fit's stored backtest JSON read back; a fit without one still names itself.</summary>
    public static FitBacktest BacktestOf(ClvFit fit)
    {
        var stored = ClvPortfolio.StoredBacktest.Read(fit.Backtest);
        static Challenger Of(ClvPortfolio.StoredChallenger c) => new(
            c.Model, c.MeanAbsoluteError, c.PredictedTransactions, c.CalibrationLogLikelihood, c.HoldoutLogScore, c.GainOverNaive, c.GainStandardErrors, c.Eligible, c.Note);
        return new FitBacktest(fit.Id, fit.FittedAt, fit.RepeatModel, fit.DataFrom, fit.DataTo, fit.Accounts,
            stored?.CalibrationEnd, stored?.HoldoutEnd, stored?.Customers ?? 0, stored?.ActualTransactions ?? 0, stored?.PredictedTransactions ?? 0,
            stored?.MeanAbsoluteError ?? fit.BacktestMeanAbsoluteError, stored?.NaiveMeanAbsoluteError,
            [.. (stored?.Buckets ?? []).Select(b => new Bucket(b.Frequency, b.Customers, b.Predicted, b.Actual, b.Naive))],
            stored?.BeatsNaive, stored?.Reason,
            stored?.Challengers is { } c ? [.. c.Select(Of), .. stored.Shrunk is { } s ? [Of(s)] : Array.Empty<Challenger>()] : null);
    }
}
