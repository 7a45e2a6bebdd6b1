using MedTechAccounts.Core.Features.Scoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Web.Hosting;

/// <summary>
/// When the <see cref="ScoringWorker"/> last got something done (it started, scored a batch, finished a round
/// or a refit step), and the readiness check on it: unhealthy when that is longer ago than
/// <c>Scoring:WorkerHealthyWithinPolls</c> poll intervals; not applicable when <c>Scoring:WorkerEnabled</c> is false.
/// </summary>
public sealed class ScoringWorkerHeartbeat(IOptions<ScoringOptions> options, TimeProvider clock) : IHealthCheck, IProgress<(int Done, int Total)>
{
    private long _lastUtcTicks;

    public void Beat() => Interlocked.Exchange(ref _lastUtcTicks, clock.GetUtcNow().UtcTicks);

    void IProgress<(int Done, int Total)>.Report((int Done, int Total) value) => Beat();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scoring = options.Value;
        if (!scoring.WorkerEnabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The scoring worker does not run in this node."));
        }

        var last = Interlocked.Read(ref _lastUtcTicks);
        if (last == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The scoring worker has not started."));
        }

        var age = clock.GetUtcNow() - new DateTimeOffset(last, TimeSpan.Zero);
        var limit = scoring.StalePollInterval() * Math.Max(1, scoring.WorkerHealthyWithinPolls);
        var seconds = Math.Round(age.TotalSeconds, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(age <= limit
            ? HealthCheckResult.Healthy($"Last successful round {seconds} s ago.")
            : HealthCheckResult.Unhealthy($"No successful round for {seconds} s."));
    }
}
