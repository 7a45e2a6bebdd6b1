using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedTechAccounts.UnitTests.Web;

/// <summary>The readiness check on the scoring worker: recent rounds, a stuck worker, a worker switched off.</summary>
public sealed class ScoringWorkerHeartbeatTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private ScoringWorkerHeartbeat Heartbeat(bool enabled = true) => new(Options.Create(new ScoringOptions
    {
        WorkerEnabled = enabled, StalePollSeconds = 2, WorkerHealthyWithinPolls = 30,
    }), _clock);

    private static async Task<HealthStatus> StatusAsync(ScoringWorkerHeartbeat heartbeat) =>
        (await heartbeat.CheckHealthAsync(new HealthCheckContext())).Status;

    [Fact]
    public async Task A_round_within_the_configured_number_of_polls_is_healthy_and_an_older_one_is_not()
    {
        var heartbeat = Heartbeat();
        heartbeat.Beat();

        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(heartbeat));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync(heartbeat));

        ((IProgress<(int Done, int Total)>)heartbeat).Report((10, 100));
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(heartbeat));
    }

    [Fact]
    public async Task A_worker_that_never_started_is_unhealthy() =>
        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync(Heartbeat()));

    [Fact]
    public async Task A_worker_switched_off_by_configuration_is_not_applicable_and_so_healthy() =>
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(Heartbeat(enabled: false)));
}
