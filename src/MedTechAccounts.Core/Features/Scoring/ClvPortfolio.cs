using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>The fitted models of one stored <see cref="ClvFit"/>, ready to score accounts, and the repeat-purchase margin.</summary>
public sealed record ClvPortfolioModels(ClvFit Fit, ClvModels Models, double RepeatMargin);

/// <summary>
/// Fits the lifetime-value models across the portfolio (DESIGN 4.1): the champion by holdout among the
/// transaction models (BG/NBD, Pareto/NBD, MBG/NBD, MBG/CNBD-k, NBD; the shrunk naive rate when none beats the
/// naive guess) on every customer's repeat-purchase days in weeks, Gamma-Gamma on the repeat buyers' mean order
/// value, the shifted-beta-geometric on the oldest contract cohort; stores all of it, with every challenger's
/// holdout figures, as one <see cref="ClvFit"/>.
/// </summary>
public sealed partial class ClvPortfolio(AppDbContext db, TimeProvider clock, IOptions<ScoringOptions> options, ILogger<ClvPortfolio> logger)
{
    private const int MinimumCohort = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The repeat-purchase margin of each fit, computed once per process: it aggregates a year of order lines,
    /// which a one-account recompute after a visit cannot afford, and it depends only on the fit's data window.
    /// </summary>
    private static readonly ConcurrentDictionary<Guid, double> RepeatMargins = new();

    /// <summary>Fits and stores the models; null (logged) when the portfolio cannot support a fit, and the previous fit stays in use.</summary>
    public async Task<ClvFit?> RefitAsync(CancellationToken ct)
    {
        try
        {
            return await FitAsync(ct);
        }
        catch (ClvInputException e)
        {
            LogFitFailed(e.Message);
            return null;
        }
    }

    private async Task<ClvFit?> FitAsync(CancellationToken ct)
    {
        var fitRow = await FitOnAsync(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), pointInTime: false, ct);
        if (fitRow is null)
        {
            return null;
        }

        db.ClvFits.Add(fitRow);
        await db.SaveChangesAsync(ct);
        LogFitted(fitRow.Accounts, fitRow.RepeatLogLikelihood, fitRow.ElapsedMs);
        return fitRow;
    }

    /// <summary>
    /// The models as they would have been fitted at the end of <paramref name="day"/>: the champion chosen by
    /// holdout on the orders dated on or before that day, Gamma-Gamma on them and retention on the contracts
    /// started by then. Nothing is stored, so the fit can never become the one live scores use; null when the
    /// portfolio of that day cannot support a fit.
    /// </summary>
    public async Task<ClvPortfolioModels?> FitAsOfAsync(DateOnly day, CancellationToken ct)
    {
        try
        {
            var fit = await FitOnAsync(day, pointInTime: true, ct);
            return fit is null ? null : await ModelsOfAsync(fit, cacheMargin: false, ct);
        }
        catch (ClvInputException e)
        {
            LogFitFailed(e.Message);
            return null;
        }
    }

    /// <summary>The fit on the data up to <paramref name="today"/>, not yet stored.</summary>
    private async Task<ClvFit?> FitOnAsync(DateOnly today, bool pointInTime, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var table = await PurchaseTableAsync(today, ct);
        var customers = table.Rows.Select(r => r.CustomerId).Distinct().Count();
        if (customers < MinimumCohort)
        {
            LogTooFewCustomers(customers);
            return null;
        }

        var summaries = TransactionSummary.Summarize(table, today);

        // Champion by holdout: every transaction model is fitted on the calibration window and scored on the holdout;
        // the champion (or the shrunk naive rate when no model beats the naive guess) is refitted on all the data.
        var champion = Champion(table, today);
        var (repeatModel, repeat) = Analytics.Clv.Backtest.FitModel(summaries, champion?.Champion ?? BgNbd.Name);
        var buyers = summaries.Where(s => s.Frequency > 0 && s.MonetaryValue > 0).ToList();
        string? spend = null;
        if (buyers.Count >= MinimumCohort)
        {
            var fit = GammaGamma.Fit(buyers.Select(b => b.Frequency).ToList(), buyers.Select(b => b.MonetaryValue!.Value).ToList());
            spend = Serialize(fit.Result);
        }

        var retention = await RetentionAsync(today, pointInTime, ct);
        var backtest = champion?.Backtest;
        var fitRow = new ClvFit
        {
            FittedAt = clock.GetUtcNow().UtcDateTime,
            DataFrom = table.Rows.Min(r => r.Date),
            DataTo = today,
            Accounts = summaries.Count,
            RepeatModel = repeat.Model,
            RepeatParameters = JsonSerializer.Serialize(repeatModel.ToDictionary(), Json),
            RepeatLogLikelihood = repeat.LogLikelihood,
            RepeatConverged = repeat.Converged,
            SpendParameters = spend,
            RetentionParameters = retention is null ? null : Serialize(retention),
            Backtest = champion is null || backtest is null ? null : JsonSerializer.Serialize(new StoredBacktest(
                backtest.CalibrationEnd,
                backtest.HoldoutEnd,
                backtest.Customers,
                backtest.ActualTransactions,
                backtest.PredictedTransactions,
                backtest.MeanAbsoluteError,
                backtest.NaiveMeanAbsoluteError,
                backtest.Buckets,
                champion.Champion,
                champion.BeatsNaive,
                champion.Reason,
                Finite(champion.NaiveHoldoutLogScore),
                Stored(champion.Shrunk),
                champion.Challengers.Select(Stored).ToList()), Json),
            BacktestMeanAbsoluteError = backtest?.MeanAbsoluteError,
        };
        fitRow.ElapsedMs = watch.ElapsedMilliseconds;
        return fitRow;
    }

    /// <summary>The latest stored fit as models, or null before the first fit.</summary>
    public async Task<ClvPortfolioModels?> LatestAsync(CancellationToken ct)
    {
        var fit = await db.ClvFits.AsNoTracking().OrderByDescending(f => f.FittedAt).FirstOrDefaultAsync(ct);
        return fit is null ? null : await ModelsOfAsync(fit, cacheMargin: true, ct);
    }

    private async Task<ClvPortfolioModels> ModelsOfAsync(ClvFit fit, bool cacheMargin, CancellationToken ct)
    {
        var p = Parameters(fit.RepeatParameters)!;
        var spend = Parameters(fit.SpendParameters) is { } s ? new GammaGammaParameters(s["p"], s["q"], s["gamma"]) : null;
        var retention = Parameters(fit.RetentionParameters) is { } r ? new ShiftedBetaGeometricParameters(r["alpha"], r["beta"]) : null;
        var models = new ClvModels(RepeatPurchaseModels.FromParameters(fit.RepeatModel, name => p[name]), spend, retention);
        if (!RepeatMargins.TryGetValue(fit.Id, out var margin))
        {
            margin = await RepeatMarginAsync(fit.DataTo, ct);
            if (cacheMargin)
            {
                RepeatMargins[fit.Id] = margin;
            }
        }

        return new ClvPortfolioModels(fit, models, margin);
    }

    /// <summary>Every customer's purchase days (capital and consumable orders; service renewals are the contracts' part).</summary>
    private async Task<TransactionTable> PurchaseTableAsync(DateOnly today, CancellationToken ct)
    {
        var days = await db.OrderLines.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.Order!.Type != OrderType.ServiceRenewal && l.Order.OrderDate <= today)
            .GroupBy(l => new { l.Order!.AccountId, l.Order.OrderDate })
            .Select(g => new { g.Key.AccountId, g.Key.OrderDate, Net = g.Sum(l => l.NetAmount) })
            .ToListAsync(ct);
        var rows = days.Select(d => new Transaction(d.AccountId.ToString(), d.OrderDate, (double)d.Net)).ToList();
        return new TransactionTable("orders", rows, HasValues: true);
    }

    /// <summary>
    /// Contract retention from the oldest cohort of renewal chains that has at least
    /// <see cref="MinimumCohort"/> chains and one renewal decision behind every one of them:
    /// alive[k] = chains renewed at least k times, for the terms all of them have completed.
    /// </summary>
    private async Task<FitResult?> RetentionAsync(DateOnly today, bool pointInTime, CancellationToken ct)
    {
        // As of a past day, a contract (a renewal too) counts from its start.
        var contracts = await db.ServiceContracts.IgnoreQueryFilters().AsNoTracking()
            .Where(c => !pointInTime || c.Start <= today)
            .Select(c => new { c.Id, c.Start, c.RenewedFromId })
            .ToListAsync(ct);
        var next = contracts.Where(c => c.RenewedFromId is not null).GroupBy(c => c.RenewedFromId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        var chains = contracts.Where(c => c.RenewedFromId is null)
            .Select(root =>
            {
                var renewals = 0;
                for (var id = root.Id; next.TryGetValue(id, out var following) && renewals < 100; id = following)
                {
                    renewals++;
                }

                return (root.Start, Renewals: renewals);
            })
            .ToList();

        foreach (var cohort in chains.GroupBy(c => c.Start.Year).OrderBy(g => g.Key))
        {
            var terms = (int)Math.Floor((today.DayNumber - cohort.Max(c => c.Start).DayNumber) / 365.25);
            if (cohort.Count() < MinimumCohort || terms < 1)
            {
                continue;
            }

            var alive = Enumerable.Range(0, Math.Min(terms, 10) + 1).Select(k => (double)cohort.Count(c => c.Renewals >= k)).ToList();
            try
            {
                return ShiftedBetaGeometric.Fit(alive).Result;
            }
            catch (ClvInputException e)
            {
                LogRetentionSkipped(cohort.Key, e.Message);
            }
        }

        return null;
    }

    private ChampionReport? Champion(TransactionTable table, DateOnly today)
    {
        var calibrationEnd = today.AddDays(-7 * options.Value.BacktestHoldoutWeeks);
        if (table.Rows.Count(r => r.Date <= calibrationEnd) == 0)
        {
            return null;
        }

        try
        {
            var split = TransactionSummary.Split(table, calibrationEnd, today, TimeUnit.Weeks);
            var report = Analytics.Clv.Champion.Select(split);
            LogChampion(report.Champion, report.Reason);
            return report;
        }
        catch (ClvInputException e)
        {
            LogBacktestSkipped(e.Message);
            return null;
        }
    }

    /// <summary>
    /// The stored backtest JSON (<see cref="ClvFit.Backtest"/>), written here and read back by the executive dashboard:
    /// the champion's backtest (the fields stored before challengers were kept, so an older fit reads the rest as null)
    /// and every challenger's holdout figures. Non-finite figures are stored as null.
    /// </summary>
    internal sealed record StoredBacktest(
        DateOnly? CalibrationEnd, DateOnly? HoldoutEnd, int Customers, double ActualTransactions, double PredictedTransactions,
        double? MeanAbsoluteError, double? NaiveMeanAbsoluteError, IReadOnlyList<BacktestBucket>? Buckets,
        string? Champion, bool? BeatsNaive, string? Reason, double? NaiveHoldoutLogScore, StoredChallenger? Shrunk, IReadOnlyList<StoredChallenger>? Challengers)
    {
        public static StoredBacktest? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<StoredBacktest>(json, Json);
    }

    internal sealed record StoredChallenger(
        string Model, double? MeanAbsoluteError, double? PredictedTransactions, double? CalibrationLogLikelihood, double? HoldoutLogScore,
        double? GainOverNaive, double? GainStandardErrors, bool Eligible, string? Note);

    private static StoredChallenger Stored(ChallengerScore c) => new(
        c.Model, Finite(c.MeanAbsoluteError), Finite(c.PredictedTransactions), Finite(c.CalibrationLogLikelihood), Finite(c.HoldoutLogScore),
        Finite(c.GainOverNaive), Finite(c.GainStandardErrors), c.Eligible, c.Note);

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>Revenue-weighted margin of the capital and consumable order lines of the year before the fit's data end.</summary>
    private async Task<double> RepeatMarginAsync(DateOnly dataTo, CancellationToken ct)
    {
        var from = dataTo.AddYears(-1);
        var mix = (await db.OrderLines.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.Order!.Type != OrderType.ServiceRenewal && l.Order.OrderDate > from && l.Order.OrderDate <= dataTo)
                .GroupBy(l => l.Product!.Category)
                .Select(g => new { Category = g.Key, Revenue = g.Sum(l => l.NetAmount) })
                .ToListAsync(ct))
            .Select(g => (g.Category, Revenue: (double)g.Revenue))
            .ToList();
        var margins = options.Value.Margins;
        var revenue = mix.Sum(m => m.Revenue);
        return revenue <= 0
            ? margins.GetValueOrDefault(ProductCategory.Consumable, 0.6)
            : mix.Sum(m => m.Revenue * margins.GetValueOrDefault(m.Category, 0.5)) / revenue;
    }

    private static string Serialize(FitResult result) => JsonSerializer.Serialize(result.Parameters, Json);

    private static Dictionary<string, double>? Parameters(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Json);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fitted the lifetime-value models on {Customers} customers: log-likelihood {LogLikelihood:F1} in {ElapsedMs} ms")]
    private partial void LogFitted(int customers, double logLikelihood, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lifetime-value models could not be fitted; the previous fit stays in use: {Reason}")]
    private partial void LogFitFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not fitting the lifetime-value models: only {Customers} customers with orders")]
    private partial void LogTooFewCustomers(int customers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract cohort {Year} gives no retention fit: {Reason}")]
    private partial void LogRetentionSkipped(int year, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifetime-value champion {Model}: {Reason}")]
    private partial void LogChampion(string model, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No backtest for this refit: {Reason}")]
    private partial void LogBacktestSkipped(string reason);
}
