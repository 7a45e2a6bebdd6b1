using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps what the app logs (at the levels its configuration lets through, as in production), with each entry's
/// structured values and exception, so a test can search everything a log file would hold. The newest 50,000
/// entries are kept.
/// </summary>
public sealed class LogCapture(params string[] secrets) : ILoggerProvider
{
    private const int Capacity = 50_000;
    private readonly ConcurrentQueue<Entry> entries = new();
    private readonly ConcurrentBag<string> neverLogged = [.. secrets];
    private readonly ConcurrentQueue<string> leaks = new();

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Text);

    public IReadOnlyList<Entry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>A string that must never reach the log (a token a test was given); entries kept are searched too.</summary>
    public void NeverLog(string secret)
    {
        neverLogged.Add(secret);
        foreach (var entry in entries)
        {
            Check(entry, [secret]);
        }
    }

    /// <summary>Each entry that held a secret, named by its category and event (never by the secret).</summary>
    public IReadOnlyList<string> Leaks() => [.. leaks.Distinct()];

    private void Check(Entry entry, IEnumerable<string> secrets)
    {
        if (secrets.Any(secret => entry.Text.Contains(secret, StringComparison.Ordinal)))
        {
            leaks.Enqueue($"{entry.Level} {entry.Category} event {entry.EventId.Id}");
        }
    }

    private void Add(Entry entry)
    {
        Check(entry, neverLogged);
        entries.Enqueue(entry);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            capture.Add(new Entry(category, logLevel, eventId, $"{formatter(state, exception)} | {values} | {exception}"));
        }
    }
}
