using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MedTechAccounts.LoadDriver;

/// <summary>
/// What a tablet's outbox knows, on disk: the run's marker, every visit as it was sent (before the request, so a visit
/// whose answer never came is known) and every acknowledgement with its time. Lines are tab-separated and flushed one
/// by one, so the journal of a run survives the server it wrote to being killed.
/// </summary>
public sealed class VisitJournal : IDisposable
{
    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    public VisitJournal(string path, string marker)
    {
        writer = new StreamWriter(path, append: true, new UTF8Encoding(false));
        Write($"marker\t{marker}");
    }

    public void Sent(Guid id, object body) => Write($"sent\t{id}\t{JsonSerializer.Serialize(body, JsonSerializerOptions.Web)}");

    public void Acknowledged(Guid id) => Write(string.Create(CultureInfo.InvariantCulture, $"ack\t{id}\t{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}"));

    private void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public void Dispose() => writer.Dispose();

    /// <summary>A journal read back: the marker, the bodies sent by id, and when each id was acknowledged.</summary>
    public sealed record Contents(string Marker, IReadOnlyDictionary<Guid, string> Sent, IReadOnlyDictionary<Guid, long> Acknowledged)
    {
        public IReadOnlyCollection<Guid> AcknowledgedBefore(long? unixMilliseconds) =>
            [.. Acknowledged.Where(a => unixMilliseconds is null || a.Value < unixMilliseconds).Select(a => a.Key)];
    }

    public static Contents Read(string path)
    {
        string? marker = null;
        var sent = new Dictionary<Guid, string>();
        var acknowledged = new Dictionary<Guid, long>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t', 3);
            switch (parts[0])
            {
                case "marker":
                    marker ??= parts[1];
                    break;
                case "sent" when parts.Length == 3:
                    sent[Guid.Parse(parts[1])] = parts[2];
                    break;
                case "ack" when parts.Length == 3:
                    acknowledged.TryAdd(Guid.Parse(parts[1]), long.Parse(parts[2], CultureInfo.InvariantCulture));
                    break;
            }
        }

        return new Contents(marker ?? throw new InvalidOperationException($"{path} names no marker."), sent, acknowledged);
    }

    /// <summary>
    /// Sends every visit of the journal again, as a tablet whose outbox kept them all would: a visit the server already
    /// holds answers 200, one it never stored 201. A 201 for a visit acknowledged before is an acknowledged visit lost.
    /// </summary>
    public static async Task<(int Resent, int Created, int Identical, int LostAcknowledged, int Failed)> ReplayAsync(
        HttpClient http, string antiforgeryToken, Contents journal, VisitJournal? record)
    {
        int created = 0, identical = 0, lost = 0, failed = 0;
        await Parallel.ForEachAsync(journal.Sent, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (visit, cancel) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/interactions", UriKind.Relative))
            {
                Content = new StringContent(visit.Value, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("RequestVerificationToken", antiforgeryToken);
            using var response = await http.SendAsync(request, cancel);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    Interlocked.Increment(ref created);
                    if (journal.Acknowledged.ContainsKey(visit.Key))
                    {
                        Interlocked.Increment(ref lost);
                    }

                    record?.Acknowledged(visit.Key);
                    break;
                case HttpStatusCode.OK:
                    Interlocked.Increment(ref identical);
                    record?.Acknowledged(visit.Key);
                    break;
                default:
                    Interlocked.Increment(ref failed);
                    break;
            }
        });
        return (journal.Sent.Count, created, identical, lost, failed);
    }
}
