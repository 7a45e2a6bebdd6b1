using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace MedTechAccounts.LoadDriver;

/// <summary>
/// Concurrent tablets posting visits to <c>POST /api/interactions</c>: each writer logs new visits with ids of its
/// own and, one time in five, sends an identical replay of a visit already acknowledged (a tablet whose answer was
/// lost). Every acknowledged id is kept, so the database can be checked afterwards. With a journal, every new visit
/// is written to it before it is sent and its acknowledgement after, so a run that outlives a crashed server can be
/// replayed and checked by another process (<see cref="VisitJournal"/>).
/// </summary>
public sealed class VisitLoad(HttpClient http, string antiforgeryToken, IReadOnlyList<Guid> accounts, string marker, VisitJournal? journal = null)
{
    private readonly List<double> created = [];
    private readonly List<double> replayed = [];
    private readonly Dictionary<string, int> errors = [];
    private readonly List<(Guid Id, object Body)> acknowledged = [];
    private readonly Lock gate = new();
    private int sequence;

    public IReadOnlyCollection<Guid> Acknowledged => [.. acknowledged.Select(a => a.Id).Distinct()];

    public async Task<TimeSpan> RunAsync(int writers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => WriterAsync(w, clock, duration)));
        return clock.Elapsed;
    }

    private async Task WriterAsync(int writer, Stopwatch clock, TimeSpan duration)
    {
        var random = new Random(writer);
        // A visit whose answer never came (no server): sent again next, as the tablet's outbox would; 200 is then fine.
        (Guid Id, object Body)? unanswered = null;
        while (clock.Elapsed < duration)
        {
            (Guid Id, object Body)? replay = null;
            lock (gate)
            {
                if (unanswered is null && acknowledged.Count > 0 && random.Next(5) == 0)
                {
                    replay = acknowledged[random.Next(acknowledged.Count)];
                }
            }

            var retry = unanswered is not null;
            var (id, body) = replay ?? unanswered ?? NewVisit(random);
            if (replay is null && !retry)
            {
                journal?.Sent(id, body);
            }

            unanswered = null;
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/interactions", UriKind.Relative)) { Content = JsonContent.Create(body) };
                request.Headers.Add("RequestVerificationToken", antiforgeryToken);
                using var response = await http.SendAsync(request);
                error = response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (error is null && replay is null && !retry && response.StatusCode != HttpStatusCode.Created)
                {
                    error = "new visit answered 200";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = e.GetType().Name;
                if (replay is null)
                {
                    unanswered = (id, body);
                }

                // No server (a crash, a restart): wait a moment like a tablet would instead of spinning.
                await Task.Delay(200);
            }

            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (gate)
            {
                if (error is not null)
                {
                    errors[error] = errors.GetValueOrDefault(error) + 1;
                }
                else if (replay is null)
                {
                    created.Add(ms);
                    acknowledged.Add((id, body));
                    journal?.Acknowledged(id);
                }
                else
                {
                    replayed.Add(ms);
                }
            }
        }
    }

    private (Guid, object) NewVisit(Random random)
    {
        var id = Guid.CreateVersion7();
        var number = Interlocked.Increment(ref sequence);
        return (id, new
        {
            id,
            accountId = accounts[random.Next(accounts.Count)],
            occurredAt = DateTime.UtcNow.AddHours(-1),
            type = "Visit",
            notes = $"{marker} #{number}: discussed reorder quantities with the charge nurse.",
            sentiment = 1,
        });
    }

    /// <summary>Tab-separated lines for build/load.sh: new visits, replays, errors.</summary>
    public IEnumerable<string> Report(TimeSpan elapsed)
    {
        yield return Line("visits", created, elapsed);
        yield return Line("replays", replayed, elapsed);
        yield return $"errors\t{errors.Values.Sum()}\t{string.Join(",", errors.Select(e => $"{e.Key}:{e.Value}"))}";
    }

    private static string Line(string name, List<double> latencies, TimeSpan elapsed)
    {
        latencies.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}\t{latencies.Count}\t{latencies.Count / elapsed.TotalSeconds:F1}\t{Percentile(latencies, 0.50):F1}\t{Percentile(latencies, 0.99):F1}\t{(latencies.Count > 0 ? latencies[^1] : 0):F1}");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
