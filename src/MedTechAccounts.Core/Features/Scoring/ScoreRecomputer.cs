using System.Diagnostics;
using System.Text.Json;
using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Scoring;

public sealed record RecomputeResult(int Accounts, int TasksRaised, int EffectsRecorded, Guid? FitId, long ElapsedMs)
{
    /// <summary>Milliseconds spent refitting, reading facts, scoring and saving (a full recompute fills them).</summary>
    public (long Refit, long Reading, long Scoring, long Saving) Timings { get; init; }

    public static RecomputeResult None { get; } = new(0, 0, 0, null, 0);
}

/// <summary>
/// Turns facts into the materialised <see cref="AccountScore"/> of today (DESIGN 4.5): the nine
/// signals, the health score with the administrator's weights, the CLV from the latest portfolio
/// fit, the playbooks' tasks and the 90-day effect of done tasks, batch by batch.
/// <para>
/// Stale marks are consumed only up to the moment the batch began reading, less a margin: a fact
/// saved while its account is being scored moves the mark past that moment, so the account is
/// scored again on the next round. No mark is lost.
/// </para>
/// </summary>
public sealed partial class ScoreRecomputer(
    AppDbContext db, AccountFactsReader reader, ClvPortfolio portfolio, TimeProvider clock, IOptions<ScoringOptions> options, ILogger<ScoreRecomputer> logger,
    IServiceScopeFactory? scopes = null, SqliteWriteGate? writeGate = null)
{
    /// <summary>Covers the time between a save stamping its mark and committing, and small clock differences between nodes.</summary>
    internal static readonly TimeSpan MarkMargin = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private ScoringOptions Options => options.Value;

    /// <summary>Scores the accounts marked stale (oldest marks first, one batch).</summary>
    public async Task<RecomputeResult> RecomputeStaleAsync(CancellationToken ct)
    {
        db.Scope = AccessScope.Everything;
        var ids = await db.StaleAccounts.AsNoTracking().OrderBy(s => s.MarkedAt).Select(s => s.AccountId).Take(Options.BatchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return RecomputeResult.None;
        }

        var watch = Stopwatch.StartNew();
        var run = await RunAsync(ct);
        var (tasks, effects) = await ScoreBatchAsync(await ReadBatchAsync(reader, ids, run, ct), run, ct);
        return new(ids.Count, tasks, effects, run.Clv?.Fit.Id, watch.ElapsedMilliseconds);
    }

    /// <summary>Scores every account; with <paramref name="refit"/> the lifetime-value models are refitted first.</summary>
    public async Task<RecomputeResult> RecomputeAllAsync(bool refit, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        db.Scope = AccessScope.Everything;
        var watch = Stopwatch.StartNew();
        if (refit)
        {
            await portfolio.RefitAsync(ct);
        }

        var refitMs = watch.ElapsedMilliseconds;

        var all = await db.Accounts.IgnoreQueryFilters().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var run = await RunAsync(ct);
        var (tasks, effects, done) = (0, 0, 0);
        var batches = all.Chunk(Options.BatchSize).ToList();
        // Reading facts dominates: with a scope factory, the next batches are read on their own
        // connections while this one is scored and saved (two reads in flight for two cores).
        var reads = new Queue<Task<Batch>>();
        var next = 0;
        void ReadAhead()
        {
            while (next < batches.Count && reads.Count < (scopes is null ? 1 : 2))
            {
                var ids = batches[next++];
                reads.Enqueue(scopes is null ? ReadBatchAsync(reader, ids, run, ct) : ReadInOwnScopeAsync(ids, run, ct));
            }
        }

        ReadAhead();
        while (reads.Count > 0)
        {
            var batch = await reads.Dequeue();
            ReadAhead();
            var (t, e) = await ScoreBatchAsync(batch, run, ct);
            (tasks, effects, done) = (tasks + t, effects + e, done + batch.Ids.Count);
            progress?.Report((done, all.Count));
        }

        LogRecomputed(all.Count, tasks, watch.ElapsedMilliseconds, run.ReadingMs, run.Scoring.ElapsedMilliseconds, run.Saving.ElapsedMilliseconds);
        return new(all.Count, tasks, effects, run.Clv?.Fit.Id, watch.ElapsedMilliseconds)
        {
            Timings = (refitMs, run.ReadingMs, run.Scoring.ElapsedMilliseconds, run.Saving.ElapsedMilliseconds),
        };
    }

    private sealed record Run(DateTime AsOf, ClvPortfolioModels? Clv, Scorecard Scorecard)
    {
        /// <summary>Where the time goes, for the log line of a full recompute. Reading facts is summed over the overlapping reads.</summary>
        public long ReadingMs { get; set; }
        public Stopwatch Scoring { get; } = new();
        public Stopwatch Saving { get; } = new();
    }

    private async Task<Run> RunAsync(CancellationToken ct)
    {
        var scorecard = await ScorecardAsync(ct);
        return new(clock.GetUtcNow().UtcDateTime, await portfolio.LatestAsync(ct), scorecard);
    }

    /// <summary>The administrators' scorecard as stored: the weights and the tier rules (defaults before the first edit).</summary>
    private async Task<Scorecard> ScorecardAsync(CancellationToken ct) =>
        (await db.ScorecardWeights.AsNoTracking().SingleOrDefaultAsync(ct) ?? new ScorecardWeights())
            .ToScorecard(await db.ScorecardRules.AsNoTracking().SingleOrDefaultAsync(ct));

    /// <summary>A batch's facts, the moment they were read and the cut-off for its stale marks.</summary>
    private sealed record Batch(IReadOnlyList<Guid> Ids, List<AccountInputs> Inputs, DateTime AsOf, DateTime Cutoff);

    private async Task<Batch> ReadBatchAsync(AccountFactsReader batchReader, IReadOnlyList<Guid> ids, Run run, CancellationToken ct)
    {
        // Read time of this batch, not of the run: marks set after it stay for the next round.
        var cutoff = clock.GetUtcNow().UtcDateTime - MarkMargin;
        var asOf = clock.GetUtcNow().UtcDateTime;
        var watch = Stopwatch.StartNew();
        var inputs = await batchReader.ReadAsync(ids, asOf, Options.Signals, ct);
        lock (run)
        {
            run.ReadingMs += watch.ElapsedMilliseconds;
        }

        return new Batch(ids, inputs, asOf, cutoff);
    }

    private async Task<Batch> ReadInOwnScopeAsync(IReadOnlyList<Guid> ids, Run run, CancellationToken ct)
    {
        await using var scope = scopes!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Scope = AccessScope.Everything;
        return await ReadBatchAsync(scope.ServiceProvider.GetRequiredService<AccountFactsReader>(), ids, run, ct);
    }

    private async Task<(int Tasks, int Effects)> ScoreBatchAsync(Batch batch, Run run, CancellationToken ct)
    {
        var settings = Options.Signals;
        var (ids, inputs, asOf, cutoff) = (batch.Ids, batch.Inputs, batch.AsOf, batch.Cutoff);
        var today = DateOnly.FromDateTime(asOf);
        run.Scoring.Start();

        var previous = await db.AccountScores.AsNoTracking()
            .Where(s => ids.Contains(s.AccountId) && s.AsOf < today && s.ClvFitId != null)
            .GroupBy(s => s.AccountId)
            .Select(g => g.OrderByDescending(s => s.AsOf).Select(s => new { s.AccountId, s.ExpectedOrders, s.ClvFitId }).First())
            .ToDictionaryAsync(s => s.AccountId, ct);
        var todays = await db.AccountScores.Where(s => ids.Contains(s.AccountId) && s.AsOf == today).ToDictionaryAsync(s => s.AccountId, ct);
        var openTasks = (await db.EngagementTasks.IgnoreQueryFilters().AsNoTracking()
                .Where(t => ids.Contains(t.AccountId) && t.Status == EngagementTaskStatus.Open)
                .Select(t => new { t.AccountId, t.Playbook })
                .ToListAsync(ct))
            .Select(t => (t.AccountId, t.Playbook))
            .ToHashSet();
        var effectDue = asOf.AddDays(-Options.TaskEffectDays);
        var doneTasks = (await db.EngagementTasks.IgnoreQueryFilters()
                .Where(t => ids.Contains(t.AccountId) && t.Status == EngagementTaskStatus.Done && t.SignalsAfter == null && t.ClosedAt <= effectDue)
                .ToListAsync(ct))
            .ToLookup(t => t.AccountId);

        var tasksRaised = 0;
        var effects = 0;
        foreach (var input in inputs)
        {
            var (history, outlook) = Outlook(input, run.Clv, previous.TryGetValue(input.AccountId, out var p) && p.ClvFitId != run.Clv?.Fit.Id ? p.ExpectedOrders : null, today);
            var facts = input.Facts with { Outlook = outlook };
            var signals = LoyaltySignals.Compute(facts, settings);
            var assessment = run.Scorecard.Assess(signals, LoyaltySignals.ServiceEvidenceOf(facts, settings));
            var (health, tier) = (assessment.Score, assessment.Tier);
            var clv = Clv(input, history, run.Clv, health, today);

            if (!todays.TryGetValue(input.AccountId, out var score))
            {
                score = new AccountScore { AccountId = input.AccountId, AsOf = today };
                db.AccountScores.Add(score);
            }

            Fill(score, signals, assessment, clv, outlook, run, asOf);

            foreach (var trigger in Playbooks.Triggered(signals, facts, settings))
            {
                if (openTasks.Add((input.AccountId, trigger.Playbook)))
                {
                    db.EngagementTasks.Add(new EngagementTask
                    {
                        AccountId = input.AccountId,
                        Playbook = trigger.Playbook,
                        Reason = Truncate(trigger.Reason, 1000),
                        ValueAtStake = ValueAtStakeRule.Of(Money(clv.Total), health),
                        Priority = tier switch { Tier.AtRisk => 1, Tier.Watch => 2, _ => 3 },
                        AssigneeId = input.OwnerRepId,
                        Due = today.AddDays(trigger.DueInDays),
                        Status = EngagementTaskStatus.Open,
                        SignalsAtRaise = JsonSerializer.Serialize(trigger.Signals.ToDictionary(k => k.ToString(), k => signals.Single(s => s.Kind == k).Score), Json),
                    });
                    tasksRaised++;
                }
            }

            foreach (var task in doneTasks[input.AccountId])
            {
                var raised = JsonSerializer.Deserialize<Dictionary<string, int>>(task.SignalsAtRaise, Json) ?? [];
                task.SignalsAfter = JsonSerializer.Serialize(
                    raised.Keys.Where(k => Enum.TryParse<SignalKind>(k, out _)).ToDictionary(k => k, k => signals.Single(s => s.Kind == Enum.Parse<SignalKind>(k)).Score), Json);
                effects++;
            }
        }

        run.Scoring.Stop();
        run.Saving.Start();
        await SaveAsync(ids, cutoff, ct);
        run.Saving.Stop();
        return (tasksRaised, effects);
    }

    /// <summary>The account's repeat-purchase summary in weeks and the model's outlook for it (none without purchases or a fit).</summary>
    private static (CustomerSummary? History, PurchaseOutlook? Outlook) Outlook(AccountInputs input, ClvPortfolioModels? clv, double? previousExpected, DateOnly today)
    {
        var days = input.PurchaseDays;
        if (days.Count == 0)
        {
            return (null, null);
        }

        var first = days[0].Date;
        var history = new CustomerSummary(
            input.ExternalId,
            days.Count - 1,
            (days[^1].Date.DayNumber - first.DayNumber) / 7.0,
            Math.Max(0, today.DayNumber - first.DayNumber) / 7.0,
            days.Count > 1 ? days.Skip(1).Average(d => d.Value) : null);
        if (clv is null)
        {
            return (history, null);
        }

        var model = clv.Models.Repeat;
        return (history, new PurchaseOutlook(
            model.ProbabilityAlive(history.Frequency, history.Recency, history.T),
            model.ConditionalExpectedTransactions(history.Frequency, history.Recency, history.T, 52),
            previousExpected));
    }

    /// <summary>
    /// The CLV of DESIGN 4.1. The chance that the account stays with us for a replacement is
    /// P(alive) scaled by health: P(alive) × (0.5 + health / 200).
    /// </summary>
    private ClvResult Clv(AccountInputs input, CustomerSummary? history, ClvPortfolioModels? clv, int health, DateOnly today)
    {
        if (clv is null)
        {
            return new ClvResult(input.ExternalId, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var pAlive = history is null ? 0 : clv.Models.Repeat.ProbabilityAlive(history.Frequency, history.Recency, history.T);
        var account = new AccountClvInput(
            input.ExternalId,
            history?.Frequency ?? 0,
            history?.Recency ?? 0,
            history?.T ?? 0,
            history?.MonetaryValue,
            clv.Models.ContractRetention is null ? [] : input.Contracts,
            input.Replacements,
            StayProbability: pAlive * (0.5 + health / 200.0));
        var result = CustomerLifetimeValue.Compute(account, clv.Models, Options.ClvSettings(today, clv.RepeatMargin));
        // Without a purchase there is no repeat-purchase history to project: the population's
        // average would be a guess, so a prospect's CLV is only what it already has with us.
        return history is null
            ? result with { Total = result.ServiceContracts + result.Replacement, RepeatPurchases = 0, ProbabilityAlive = 0, ExpectedTransactions = 0 }
            : result;
    }

    private static void Fill(AccountScore score, IReadOnlyList<Signal> signals, HealthAssessment assessment, ClvResult clv, PurchaseOutlook? outlook, Run run, DateTime asOf)
    {
        int Of(SignalKind kind) => signals.Single(s => s.Kind == kind).Score;
        score.HealthScore = assessment.Score;
        score.RiskTier = (RiskTier)(int)assessment.Tier;
        score.TierReason = Truncate(assessment.Decision.Reason, 500);
        score.Clv = Money(clv.Total);
        score.ClvRepeat = Money(clv.RepeatPurchases);
        score.ClvContracts = Money(clv.ServiceContracts);
        score.ClvReplacement = Money(clv.Replacement);
        score.PAlive = Math.Round(clv.ProbabilityAlive, 4);
        score.ExpectedOrders = Math.Round(outlook?.ExpectedOrdersNextYear ?? 0, 4);
        score.ClvFitId = run.Clv?.Fit.Id;
        score.ComputedAt = asOf;
        score.Backfilled = false;
        score.EngagementRecency = Of(SignalKind.EngagementRecency);
        score.PostSaleSilence = Of(SignalKind.PostSaleSilence);
        score.RepDependency = Of(SignalKind.RepDependency);
        score.InfluencerCoverage = Of(SignalKind.InfluencerCoverage);
        score.ServiceExperience = Of(SignalKind.ServiceExperience);
        score.DiscountDependency = Of(SignalKind.DiscountDependency);
        score.InstallBaseRisk = Of(SignalKind.InstallBaseRisk);
        score.VoiceOfCustomer = Of(SignalKind.VoiceOfCustomer);
        score.PurchaseVitality = Of(SignalKind.PurchaseVitality);
        score.SignalDetails = JsonSerializer.Serialize(signals.ToDictionary(s => s.Kind.ToString(), s => new SignalDetail(s.Value, s.Score, s.Reason)), Json);
        // The reason that costs the most health points speaks first.
        var top = signals.MaxBy(s => run.Scorecard.Weights.GetValueOrDefault(s.Kind) * (100 - s.Score))!;
        var reason = top.Score == 100 ? "Every signal is healthy." : top.Reason;
        // A tier set by a rule says so first: the lists show this one reason beside the tier.
        score.TopReason = Truncate(assessment.Decision.Rule is null ? reason : $"{assessment.Decision.Reason} {reason}", 500);
    }

    /// <summary>Scores, tasks and the consumed stale marks in one transaction; one audit summary row per kind of record.</summary>
    private Task SaveAsync(IReadOnlyList<Guid> ids, DateTime cutoff, CancellationToken ct) =>
        SaveBatchAsync(() => db.StaleAccounts.Where(s => ids.Contains(s.AccountId) && s.MarkedAt <= cutoff).ExecuteDeleteAsync(ct), ct);

    /// <summary>
    /// Saves a batch's tracked rows (and whatever <paramref name="alsoInTransaction"/> writes) in one transaction inside
    /// the provider's execution strategy, audited as one summary row per kind of record, then forgets them.
    /// </summary>
    private async Task SaveBatchAsync(Func<Task>? alsoInTransaction, CancellationToken ct)
    {
        var suppress = db.SuppressFieldAudit;
        db.SuppressFieldAudit = true;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                // Queued with the requests' writes on SQLite, so neither meets the other's lock.
                await using var turn = writeGate is null ? null : await writeGate.EnterAsync(db, ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                if (alsoInTransaction is not null)
                {
                    await alsoInTransaction();
                }

                await transaction.CommitAsync(ct);
            });
        }
        finally
        {
            db.SuppressFieldAudit = suppress;
            db.ChangeTracker.Clear();
        }
    }

    private static decimal Money(double value) => double.IsFinite(value) ? Math.Round((decimal)value, 2) : 0;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Recomputed {Accounts} accounts, raised {Tasks} tasks in {ElapsedMs} ms (reading facts {ReadingMs} ms, scoring {ScoringMs} ms, saving {SavingMs} ms)")]
    private partial void LogRecomputed(int accounts, int tasks, long elapsedMs, long readingMs, long scoringMs, long savingMs);
}

/// <summary>One signal as stored in <see cref="AccountScore.SignalDetails"/>.</summary>
public sealed record SignalDetail(double? Value, int Score, string Reason);
