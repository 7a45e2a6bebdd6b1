using System.Collections.Concurrent;
using Mediator;
using MedTechAccounts.Core.Data;
using Microsoft.Extensions.Configuration;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// A query whose answer depends only on its own values and the caller's access scope, and is read from stored
/// figures that change in batches (the dashboards). Its answer may be served from <see cref="QueryCache"/>.
/// </summary>
public interface ICachedQuery;

/// <summary>
/// This node's short-lived copies of <see cref="ICachedQuery"/> answers, keyed by the query's value and the caller's
/// territories, so one manager's view is never served to a manager of another region. A copy lives
/// <c>Dashboards:CacheSeconds</c> (default 30; 0 turns the cache off); the page shows when its figures were read.
/// Concurrent requests for the same missing copy share one computation, so the first request after expiry does
/// not become 32 identical ones. Nothing is ever invalidated early: a copy is at most that old.
/// </summary>
public sealed class QueryCache(TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Distinct keys kept; past it the cache starts again empty (a key is a scope and a filter, so few).</summary>
    private const int MaxEntries = 2_000;

    private readonly ConcurrentDictionary<object, Entry> entries = new();

    public TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Dashboards:CacheSeconds", 30)));

    public async ValueTask<T> GetOrAddAsync<T>(object key, Func<CancellationToken, ValueTask<T>> compute, CancellationToken ct)
    {
        if (Lifetime == TimeSpan.Zero)
        {
            return await compute(ct);
        }

        while (true)
        {
            var now = clock.GetUtcNow();
            var entry = entries.GetOrAdd(key, _ => new Entry(now + Lifetime, new Lazy<Task<object?>>(async () => await compute(ct))));
            if (entry.Expires <= now)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
                continue;
            }

            if (entries.Count > MaxEntries)
            {
                entries.Clear();
            }

            try
            {
                return (T)(await entry.Value.Value)!;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The request that computed it went away; this one is still waiting, so it computes again.
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
            catch
            {
                // A failure is not kept: the next request tries again.
                entries.TryRemove(KeyValuePair.Create(key, entry));
                throw;
            }
        }
    }

    private sealed record Entry(DateTimeOffset Expires, Lazy<Task<object?>> Value);
}

/// <summary>Serves <see cref="ICachedQuery"/> answers from <see cref="QueryCache"/>; runs after the scope is resolved.</summary>
public sealed class QueryCacheBehavior<TMessage, TResponse>(AppDbContext db, QueryCache cache)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICachedQuery, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var scope = db.Scope.Unrestricted ? "*" : string.Join(',', db.Scope.TerritoryIds.Order());
        return cache.GetOrAddAsync((message, scope), ct => next(message, ct), cancellationToken);
    }
}
