using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Web.Hosting;

/// <summary>
/// The recompute pipeline of DESIGN 4.5, in the background so requests never wait for it: every
/// few seconds it scores the accounts marked stale; once a day (<c>Scoring:RefitAtUtc</c>) and on
/// a database that was never fitted, it refits the lifetime-value models and rescores everything.
/// Each node may run it: batches are transactions, and a mark consumed twice costs a recompute.
/// Every batch and every finished round beats the <see cref="ScoringWorkerHeartbeat"/> that /health/ready reads.
/// </summary>
public sealed partial class ScoringWorker(
    IServiceScopeFactory scopes, IOptions<ScoringOptions> options, ScoringWorkerHeartbeat heartbeat, TimeProvider clock, ILogger<ScoringWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeat.Beat();
        var poll = options.Value.StalePollInterval();
        var nextRefit = await NeverFittedAsync(stoppingToken) ? clock.GetUtcNow() : NextRefit(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            if (nextRefit is { } due && clock.GetUtcNow() >= due)
            {
                // A failed refit waits for its next turn; it must not hold up the stale accounts.
                nextRefit = NextRefit(clock.GetUtcNow());
                await GuardedAsync(async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().RecomputeAllAsync(refit: true, progress: heartbeat, stoppingToken);
                    heartbeat.Beat();
                    LogRefitted(result.Accounts, result.ElapsedMs);
                }, stoppingToken);
            }

            await GuardedAsync(async () =>
            {
                // Drain: a burst of changes (an import) is several batches.
                while (!stoppingToken.IsCancellationRequested)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().RecomputeStaleAsync(stoppingToken);
                    heartbeat.Beat();
                    if (result.Accounts == 0)
                    {
                        break;
                    }

                    LogRecomputed(result.Accounts, result.ElapsedMs);
                }
            }, stoppingToken);

            try
            {
                await Task.Delay(poll, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task GuardedAsync(Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The marks stay; the next round tries again.
            LogFailed(e);
        }
    }

    private async Task<bool> NeverFittedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return !await scope.ServiceProvider.GetRequiredService<AppDbContext>().ClvFits.AnyAsync(ct);
    }

    /// <summary>The next configured time of day (UTC) after <paramref name="now"/>; null when the schedule is off.</summary>
    internal DateTimeOffset? NextRefit(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(options.Value.RefitAtUtc) || !TimeOnly.TryParse(options.Value.RefitAtUtc, System.Globalization.CultureInfo.InvariantCulture, out var at))
        {
            return null;
        }

        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(at), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recomputed {Accounts} stale accounts in {ElapsedMs} ms")]
    private partial void LogRecomputed(int accounts, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refitted the lifetime-value models and rescored {Accounts} accounts in {ElapsedMs} ms")]
    private partial void LogRefitted(int accounts, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recompute failed; stale marks stay for the next round")]
    private partial void LogFailed(Exception exception);
}
