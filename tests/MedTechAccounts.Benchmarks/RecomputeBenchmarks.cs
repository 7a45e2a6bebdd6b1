using BenchmarkDotNet.Attributes;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Scoring;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Benchmarks;

/// <summary>
/// Recompute of one account after a logged visit (DESIGN 6: &lt; 20 ms), on a seeded and scored
/// SQLite database named by MEDTECH_BENCH_DB (the large profile:
/// <c>medtech seed --profile large</c>, then <c>medtech recompute --refit</c>).
/// </summary>
// One invocation per iteration (the stale mark is set before each). The worker runs the same path
// every two seconds all day, so the warm-up is long enough for tiered compilation to finish
// optimising EF Core's query pipeline (about 40 iterations still left it half done); min and
// median are shown because the 2-core VM is noisy.
[WarmupCount(400)]
[IterationCount(30)]
[MinColumn]
[MedianColumn]
public class RecomputeBenchmarks
{
    private ServiceProvider _services = null!;
    private Guid _accountId;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchDatabase.Services("a seeded, recomputed SQLite database file");

        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;
        // A busy account: the median is not the point, the slow end is.
        _accountId = db.Interactions.GroupBy(i => i.AccountId).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
    }

    [IterationSetup]
    public void LogVisitMark()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.ExecuteSql($"DELETE FROM StaleAccounts");
        db.Database.ExecuteSql($"INSERT INTO StaleAccounts (AccountId, MarkedAt) VALUES ({_accountId}, {DateTime.UtcNow.AddMinutes(-1)})");
    }

    [Benchmark(Description = "recompute one account after a visit")]
    public async Task<int> RecomputeOneAccount()
    {
        await using var scope = _services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ScoreRecomputer>().RecomputeStaleAsync(CancellationToken.None);
        return result.Accounts;
    }

    [Benchmark(Description = "read one account's facts")]
    public async Task<int> ReadFacts()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.Everything;
        var inputs = await scope.ServiceProvider.GetRequiredService<AccountFactsReader>().ReadAsync([_accountId], DateTime.UtcNow, new ScoringOptions().Signals, CancellationToken.None);
        return inputs.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();
}
