using System.Text.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Features.Scoring;

/// <summary>Stored scores, fits and tasks written straight to the database, as the recompute worker would leave them.</summary>
public static class ScoringWorld
{
    public const string EngagementReason = "No visit or call in 140 days; healthy is within 60.";
    public const string ServiceReason = "2 of 3 incidents in 12 months missed the first-response SLA.";

    public static Task<(ClvFit Fit, AccountScore Score)> ScoreAsync(this AppFactory app, Guid accountId, DateOnly? asOf = null) => app.WithDbAsync(async (db, _) =>
    {
        var fit = new ClvFit
        {
            FittedAt = new DateTime(2026, 10, 30, 2, 0, 0, DateTimeKind.Utc),
            DataFrom = new DateOnly(2021, 1, 4),
            DataTo = new DateOnly(2026, 10, 29),
            Accounts = 812,
            RepeatModel = "bgnbd",
            RepeatParameters = """{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426}""",
            RepeatLogLikelihood = -9582.43,
            RepeatConverged = true,
            BacktestMeanAbsoluteError = 0.37,
        };
        var details = new Dictionary<string, object>
        {
            ["EngagementRecency"] = new { value = 140.0, score = 22, reason = EngagementReason },
            ["ServiceExperience"] = new { value = 0.67, score = 35, reason = ServiceReason },
            ["PostSaleSilence"] = new { value = (double?)null, score = 100, reason = "No recent capital sale." },
        };
        var score = new AccountScore
        {
            AccountId = accountId,
            AsOf = asOf ?? new DateOnly(2026, 11, 2),
            ComputedAt = new DateTime(2026, 11, 2, 3, 15, 0, DateTimeKind.Utc),
            HealthScore = 48,
            RiskTier = RiskTier.Watch,
            Clv = 123456.78m,
            ClvRepeat = 80000m,
            ClvContracts = 30000m,
            ClvReplacement = 13456.78m,
            PAlive = 0.8123,
            ExpectedOrders = 3.25,
            ClvFitId = fit.Id,
            EngagementRecency = 22,
            ServiceExperience = 35,
            PostSaleSilence = 100,
            SignalDetails = JsonSerializer.Serialize(details),
            TopReason = ServiceReason,
        };
        db.ClvFits.Add(fit);
        db.AccountScores.Add(score);
        await db.SaveChangesAsync();
        return (fit, score);
    });

    public static Task<EngagementTask> TaskAsync(this AppFactory app, Guid accountId, Guid? assigneeId, decimal valueAtStake,
        Playbook playbook = Playbook.ServiceRecoveryCall, EngagementTaskStatus status = EngagementTaskStatus.Open,
        string? signalsAtRaise = null, string? signalsAfter = null) => app.WithDbAsync(async (db, _) =>
    {
        var task = new EngagementTask
        {
            AccountId = accountId,
            AssigneeId = assigneeId,
            Playbook = playbook,
            Reason = $"{ServiceReason} ({Guid.NewGuid():N})",
            ValueAtStake = valueAtStake,
            Priority = 2,
            Due = new DateOnly(2026, 11, 9),
            Status = status,
            ClosedAt = status == EngagementTaskStatus.Open ? null : DateTime.UtcNow.AddDays(-100),
            OutcomeNote = status == EngagementTaskStatus.Open ? null : "Called the biomed lead.",
            SignalsAtRaise = signalsAtRaise ?? """{"ServiceExperience":35}""",
            SignalsAfter = signalsAfter,
        };
        db.EngagementTasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    });
}
