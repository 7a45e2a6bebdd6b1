using System.Diagnostics;
using System.Globalization;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Benchmarks;

/// <summary>
/// The model phases of a portfolio refit and rescore, timed one by one on a transactions CSV (id,date,value): the
/// champion selection on the calibration window, the champion's fit on all data, and each account's P(alive),
/// one-year expectation and five-year CLV sum. <c>--refit FILE YYYY-MM-DD</c>.
/// </summary>
public static class RefitParts
{
    public static void Run(string path, DateOnly today)
    {
        var watch = Stopwatch.StartNew();
        var table = ClvCsv.ReadTransactions(path);
        Print("read", watch);
        var summaries = TransactionSummary.Summarize(table, today);
        Print($"summarize ({summaries.Count:N0} accounts)", watch);
        var split = TransactionSummary.Split(table, today.AddDays(-7 * 39), today, TimeUnit.Weeks);
        Print("split", watch);
        var calibration = split.Rows.Select(r => r.Calibration).ToArray();
        foreach (var name in Champion.Models)
        {
            var (model, fit) = Backtest.FitModel(calibration, name);
            Print($"fit {name} on calibration (LL {fit.LogLikelihood:F2}, {fit.Iterations} iterations)", watch);
            Backtest.Evaluate(split, model, fit);
            Print($"  evaluate {name} on the holdout", watch);
        }

        var report = Champion.Select(split);
        Print($"champion selection: {report.Champion}", watch);
        var (repeat, repeatFit) = Backtest.FitModel(summaries, report.Champion);
        Print($"champion on all data: {string.Join(", ", repeatFit.Parameters.Select(p => $"{p.Key}={p.Value:G6}"))}", watch);
        var models = new ClvModels(repeat);
        var settings = new ClvSettings(today, new ClvMargins(0.6, 0.5, 0.45));
        var total = 0.0;
        foreach (var s in summaries)
        {
            total += repeat.ProbabilityAlive(s.Frequency, s.Recency, s.T) + repeat.ConditionalExpectedTransactions(s.Frequency, s.Recency, s.T, 52);
        }

        Print("P(alive) and E[Y(52)] per account", watch);
        foreach (var s in summaries)
        {
            total += CustomerLifetimeValue.Compute(new AccountClvInput(s.Id, s.Frequency, s.Recency, s.T, s.MonetaryValue, [], []), models, settings).RepeatPurchases;
        }

        Print($"CLV per account (checksum {total:R})", watch);
    }

    private static TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Wall time and CPU time (both cores) of the step.</summary>
    private static void Print(string what, Stopwatch watch)
    {
        var now = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.ElapsedMilliseconds,7} ms wall {(now - cpu).TotalMilliseconds,7:F0} ms CPU  {what}"));
        cpu = now;
        watch.Restart();
    }
}
