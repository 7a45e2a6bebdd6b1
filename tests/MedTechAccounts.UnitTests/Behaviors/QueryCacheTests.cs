using MedTechAccounts.Core.Behaviors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace MedTechAccounts.UnitTests.Behaviors;

public sealed class QueryCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private int computed;

    private QueryCache Cache(int seconds = 30) => new(clock, new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Dashboards:CacheSeconds"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        .Build());

    private ValueTask<int> Compute(CancellationToken _) => ValueTask.FromResult(Interlocked.Increment(ref computed));

    [Fact]
    public async Task A_copy_is_served_until_it_is_as_old_as_the_lifetime_then_computed_again()
    {
        var cache = Cache();
        Assert.Equal(1, await cache.GetOrAddAsync(("q", "*"), Compute, default));
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, await cache.GetOrAddAsync(("q", "*"), Compute, default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await cache.GetOrAddAsync(("q", "*"), Compute, default));
    }

    [Fact]
    public async Task Another_scope_or_query_never_gets_the_copy_of_another()
    {
        var cache = Cache();
        Assert.Equal(1, await cache.GetOrAddAsync(("q", "territory-a"), Compute, default));
        Assert.Equal(2, await cache.GetOrAddAsync(("q", "territory-b"), Compute, default));
        Assert.Equal(3, await cache.GetOrAddAsync(("other", "territory-a"), Compute, default));
    }

    [Fact]
    public async Task Concurrent_requests_for_a_missing_copy_share_one_computation()
    {
        var cache = Cache();
        var release = new TaskCompletionSource();
        async ValueTask<int> Slow(CancellationToken _)
        {
            await release.Task;
            return Interlocked.Increment(ref computed);
        }

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.GetOrAddAsync("q", Slow, default).AsTask()).ToList();
        release.SetResult();
        Assert.All(await Task.WhenAll(waiting), v => Assert.Equal(1, v));
    }

    [Fact]
    public async Task A_failure_is_not_kept_and_a_lifetime_of_zero_turns_the_cache_off()
    {
        var cache = Cache();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cache.GetOrAddAsync<int>("q", _ => throw new InvalidOperationException("database down"), default).AsTask());
        Assert.Equal(1, await cache.GetOrAddAsync("q", Compute, default));

        var off = Cache(seconds: 0);
        Assert.Equal(2, await off.GetOrAddAsync("q", Compute, default));
        Assert.Equal(3, await off.GetOrAddAsync("q", Compute, default));
    }
}
