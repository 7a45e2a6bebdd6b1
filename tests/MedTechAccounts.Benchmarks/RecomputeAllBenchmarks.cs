using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Benchmarks;

/// <summary>
/// <c>medtech recompute --refit</c> as a benchmark (DESIGN 6: the large profile in &lt; 10 s on SQLite), on the
/// database named by MEDTECH_BENCH_DB. It rewrites today's scores there, as the command does.
/// </summary>
// A run takes seconds, so a few single runs measure it; the first (cold) run is the warm-up.
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MinColumn]
[MaxColumn]
public class RecomputeAllBenchmarks
{
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.Services("a seeded SQLite database file");
    }

    [Benchmark(Description = "recompute --refit of every account")]
    public async Task<int> RecomputeAll()
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().RecomputeAllAsync(refit: true, progress: null, CancellationToken.None);
        return result.Accounts;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();
}
