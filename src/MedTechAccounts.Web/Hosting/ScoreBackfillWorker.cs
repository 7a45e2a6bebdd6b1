using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Features.Scoring;

namespace MedTechAccounts.Web.Hosting;

/// <summary>Runs the backfills asked for on the admin scorecard page and the demo seed's, one after the other, as the system.</summary>
public sealed partial class ScoreBackfillWorker(
    IServiceScopeFactory scopes, ScoreBackfillQueue queue, FiscalCalendar calendar, TimeProvider clock, ILogger<ScoreBackfillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int quarters;
            try
            {
                quarters = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                queue.Report(string.Create(CultureInfo.InvariantCulture, $"A backfill of {quarters} quarters is running."));
                await using var scope = scopes.CreateAsyncScope();
                var days = ScoreBackfill.Days(calendar, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), quarters);
                var result = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().BackfillAsync(days, progress: null, stoppingToken);
                LogBackfilled(quarters, result.Snapshots, result.ElapsedMs);
                queue.Report(string.Create(CultureInfo.InvariantCulture,
                    $"The last backfill ({quarters} quarters, {result.Days.Count} days, {result.Snapshots:N0} snapshots) finished at {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC in {result.ElapsedMs / 1000.0:N1} s."));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                queue.Report(string.Create(CultureInfo.InvariantCulture, $"The last backfill ({quarters} quarters) failed; see the log. Ask for it again."));
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Quarters} quarters of score history ({Snapshots} snapshots) in {ElapsedMs} ms")]
    private partial void LogBackfilled(int quarters, int snapshots, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Score backfill failed")]
    private partial void LogFailed(Exception exception);
}
