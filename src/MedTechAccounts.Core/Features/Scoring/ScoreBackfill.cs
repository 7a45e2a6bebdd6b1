using System.Diagnostics;
using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>One backfilled day: the snapshots written, the live ones left alone, the CLV champion of that day's fit.</summary>
public sealed record BackfillDay(DateOnly Day, int Backfilled, int KeptLive, int Removed, string? Champion, long ElapsedMs);

/// <summary>What a backfill did, day by day.</summary>
public sealed record BackfillResult(IReadOnlyList<BackfillDay> Days, long ElapsedMs)
{
    public int Snapshots => Days.Sum(d => d.Backfilled);
}

/// <summary>
/// Point-in-time history: which days a backfill of N quarters computes. Each of the N fiscal quarters before the
/// current one gives its first and its last day; the current quarter gives its first day when that is already past.
/// Today and later are never backfilled: today's snapshot is the live one.
/// </summary>
public static class ScoreBackfill
{
    public const int MaxQuarters = 12;

    /// <summary>What the demo seed backfills (two years, the executive dashboard's eight past quarters).</summary>
    public const int DemoQuarters = 8;

    public static IReadOnlyList<DateOnly> Days(FiscalCalendar calendar, DateOnly today, int quarters)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (quarters is < 1 or > MaxQuarters)
        {
            throw new ArgumentOutOfRangeException(nameof(quarters), quarters, $"quarters: a whole number from 1 to {MaxQuarters}.");
        }

        var current = calendar.QuarterOf(today);
        var days = new SortedSet<DateOnly>();
        if (calendar.Start(current) < today)
        {
            days.Add(calendar.Start(current));
        }

        var quarter = current;
        for (var i = 0; i < quarters; i++)
        {
            quarter = quarter.Previous();
            days.Add(calendar.Start(quarter));
            days.Add(calendar.End(quarter));
        }

        return [.. days];
    }

    /// <summary>The last moment of <paramref name="day"/> (UTC): everything dated on that day counts, nothing after it.</summary>
    public static DateTime EndOf(DateOnly day) => day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(-1);
}

public sealed partial class ScoreRecomputer
{
    /// <summary>
    /// Computes the snapshots of past <paramref name="days"/> (oldest first) from the facts dated on or before each day
    /// and a CLV fit (champion by holdout) on the orders up to it; see docs/scoring.md. Writes rows with
    /// <see cref="AccountScore.Backfilled"/> set and no fit id; replaces the backfilled snapshots of those days, never a
    /// live one, never today's; days before the portfolio's first order are left out. Raises no tasks, records no task
    /// effects and leaves the stale marks alone.
    /// </summary>
    public async Task<BackfillResult> BackfillAsync(IReadOnlyList<DateOnly> days, IProgress<BackfillDay>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(days);
        db.Scope = AccessScope.Everything;
        var watch = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var scorecard = await ScorecardAsync(ct);
        var accounts = await db.Accounts.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);

        // Before the first order there is no history to reconstruct (a CLV of 0 would read as value lost): no snapshots.
        var firstOrder = await db.Orders.IgnoreQueryFilters().AsNoTracking().MinAsync(o => (DateOnly?)o.OrderDate, ct);
        var todo = days.Where(d => d < today && firstOrder <= d).Distinct().Order().ToList();

        // First each day's CLV fit (on the orders up to it), then each batch of accounts is read once for all the days
        // and scored day by day: reading the facts costs the most, and one read per batch instead of one per batch and
        // day makes a backfill of eight quarters several times faster.
        var runs = new List<BackfillRun>();
        foreach (var day in todo)
        {
            var fitWatch = Stopwatch.StartNew();
            var run = new Run(ScoreBackfill.EndOf(day), await portfolio.FitAsOfAsync(day, ct), scorecard);
            var live = (await db.AccountScores.AsNoTracking().Where(s => s.AsOf == day && !s.Backfilled).Select(s => s.AccountId).ToListAsync(ct)).ToHashSet();
            runs.Add(new BackfillRun(day, run, live, fitWatch));
            fitWatch.Stop();
        }

        foreach (var ids in accounts.Chunk(Options.BatchSize))
        {
            if (runs.Count == 0)
            {
                break;
            }

            var inputs = await reader.ReadAsOfAsync(ids, [.. runs.Select(r => r.Run.AsOf)], Options.Signals, ct);
            var earlier = await EarlierBackfilledAsync(ids, todo, ct);
            for (var i = 0; i < runs.Count; i++)
            {
                var r = runs[i];
                r.Watch.Start();
                var (written, removed) = await BackfillBatchAsync([.. inputs[i].Where(input => !r.Live.Contains(input.AccountId))], r.Day, r.Run, earlier, ct);
                (r.Written, r.Removed) = (r.Written + written, r.Removed + removed);
                r.Watch.Stop();
            }
        }

        var done = new List<BackfillDay>();
        foreach (var r in runs)
        {
            var result = new BackfillDay(r.Day, r.Written, r.Live.Count, r.Removed, r.Run.Clv?.Fit.RepeatModel, r.Watch.ElapsedMilliseconds);
            done.Add(result);
            progress?.Report(result);
            LogBackfilledDay(r.Day, r.Written, r.Live.Count, result.Champion ?? "no fit", result.ElapsedMs);
        }

        if (done.Count > 0)
        {
            // One row that says what the run did, beside the interceptor's bulk rows for the snapshots.
            db.AuditEntries.Add(new AuditEntry
            {
                UserId = SystemUser.Instance.UserId,
                UserName = SystemUser.Instance.Name,
                At = clock.GetUtcNow().UtcDateTime,
                Entity = nameof(AccountScore),
                EntityId = "*",
                Action = AuditAction.Insert,
                Field = "(backfill)",
                NewValue = string.Create(CultureInfo.InvariantCulture,
                    $"{done.Count} days from {done[0].Day:yyyy-MM-dd} to {done[^1].Day:yyyy-MM-dd}: {done.Sum(d => d.Backfilled)} backfilled snapshots, {done.Sum(d => d.KeptLive)} live ones kept"),
            });
            await db.SaveChangesAsync(ct);
        }

        return new BackfillResult(done, watch.ElapsedMilliseconds);
    }

    /// <summary>One day of a backfill: its fit, the accounts with a live snapshot that day, what was written and the time it took.</summary>
    private sealed record BackfillRun(DateOnly Day, Run Run, HashSet<Guid> Live, Stopwatch Watch)
    {
        public int Written { get; set; }
        public int Removed { get; set; }
    }

    /// <summary>
    /// Expected orders of the backfilled snapshots stored before the last of <paramref name="days"/> and not on one of them
    /// (those are rewritten), per account and day; the days scored are added as they are written.
    /// </summary>
    private async Task<Dictionary<Guid, SortedList<DateOnly, double>>> EarlierBackfilledAsync(IReadOnlyList<Guid> ids, IReadOnlyList<DateOnly> days, CancellationToken ct)
    {
        var last = days[^1];
        var rows = await db.AccountScores.AsNoTracking()
            .Where(s => ids.Contains(s.AccountId) && s.AsOf < last && s.Backfilled && !days.Contains(s.AsOf))
            .Select(s => new { s.AccountId, s.AsOf, s.ExpectedOrders })
            .ToListAsync(ct);
        var byAccount = new Dictionary<Guid, SortedList<DateOnly, double>>();
        foreach (var row in rows)
        {
            (byAccount.TryGetValue(row.AccountId, out var list) ? list : byAccount[row.AccountId] = [])[row.AsOf] = row.ExpectedOrders;
        }

        return byAccount;
    }

    private async Task<(int Written, int Removed)> BackfillBatchAsync(
        IReadOnlyList<AccountInputs> inputs, DateOnly day, Run run, Dictionary<Guid, SortedList<DateOnly, double>> earlier, CancellationToken ct)
    {
        var asOf = run.AsOf;
        var settings = Options.Signals;
        var ids = inputs.Select(i => i.AccountId).ToList();
        // The trend of expected orders compares with the backfilled day before (its own fit), never with a live score.
        double? Previous(Guid accountId)
        {
            double? before = null;
            foreach (var (at, expected) in earlier.GetValueOrDefault(accountId) ?? [])
            {
                if (at >= day)
                {
                    break;
                }

                before = expected;
            }

            return before;
        }

        var existing = await db.AccountScores.Where(s => ids.Contains(s.AccountId) && s.AsOf == day).ToDictionaryAsync(s => s.AccountId, ct);
        var computedAt = clock.GetUtcNow().UtcDateTime;
        var (written, removed) = (0, 0);
        foreach (var input in inputs)
        {
            existing.TryGetValue(input.AccountId, out var score);
            if (score is { Backfilled: false })
            {
                continue;
            }

            // Not yet a customer on that day (no order, install or record by then): no snapshot.
            if (input.Facts.CustomerSince > asOf)
            {
                if (score is not null)
                {
                    db.AccountScores.Remove(score);
                    removed++;
                }

                continue;
            }

            var (history, outlook) = Outlook(input, run.Clv, run.Clv is not null ? Previous(input.AccountId) : null, day);
            var facts = input.Facts with { Outlook = outlook };
            var signals = LoyaltySignals.Compute(facts, settings);
            var assessment = run.Scorecard.Assess(signals, LoyaltySignals.ServiceEvidenceOf(facts, settings));
            var clv = Clv(input, history, run.Clv, assessment.Score, day);
            if (score is null)
            {
                score = new AccountScore { AccountId = input.AccountId, AsOf = day };
                db.AccountScores.Add(score);
            }

            Fill(score, signals, assessment, clv, outlook, run, asOf);
            // The day's fit is not stored: a backfilled snapshot names none, so no stored fit is ever a backfill's.
            score.ClvFitId = null;
            score.Backfilled = true;
            score.ComputedAt = computedAt;
            (earlier.TryGetValue(input.AccountId, out var scored) ? scored : earlier[input.AccountId] = [])[day] = score.ExpectedOrders;
            written++;
        }

        await SaveBatchAsync(alsoInTransaction: null, ct);

        return (written, removed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Day}: {Written} snapshots, {KeptLive} live ones kept, CLV champion {Champion}, in {ElapsedMs} ms")]
    private partial void LogBackfilledDay(DateOnly day, int written, int keptLive, string champion, long elapsedMs);
}
