using System.Security.Cryptography;
using System.Text;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Deterministic randomness. Each account draws from its own stream, derived from the seed and the account's
/// index, so what an account gets does not depend on the batch size or on how much the accounts before it drew.
/// <see cref="Random"/> with an explicit seed uses the same algorithm on every .NET version.
/// </summary>
internal sealed class SeedRandom(int seed)
{
    private readonly Random random = new(seed);

    public static SeedRandom For(int seed, SeedStream stream, int index) => new(Mix(seed, (int)stream, index));

    public int Int(int min, int maxInclusive) => random.Next(min, maxInclusive + 1);

    public double Double() => random.NextDouble();

    public double Between(double min, double max) => min + ((max - min) * random.NextDouble());

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public T Weighted<T>(IReadOnlyList<(T Value, double Weight)> items)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += item.Weight;
        }

        var x = random.NextDouble() * total;
        foreach (var (value, weight) in items)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return items[^1].Value;
    }

    public DateOnly Date(DateOnly from, DateOnly toInclusive) =>
        from.AddDays(random.Next(toInclusive.DayNumber - from.DayNumber + 1));

    /// <summary>Knuth's method; the means used here are small.</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    /// <summary><paramref name="count"/> distinct items in random order.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        var copy = items.ToList();
        count = Math.Min(count, copy.Count);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, copy.Count);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        copy.RemoveRange(count, copy.Count - count);
        return copy;
    }

    public Guid Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(0x40 | (bytes[7] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes);
    }

    internal void Fill(Span<byte> bytes) => random.NextBytes(bytes);

    private static int Mix(int seed, int stream, int index)
    {
        // SplitMix64 finaliser: neighbouring (seed, stream, index) triples get unrelated streams.
        var z = (((ulong)(uint)seed << 32) | (uint)index) + (0x9E3779B97F4A7C15UL * (ulong)(stream + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFF_FFFF);
    }
}

internal enum SeedStream { Plan, Account, Roster, Targets, NextSteps }

/// <summary>
/// Ids shaped like UUID version 7: a millisecond prefix that grows with every id, then random bits from the
/// account's stream. The growing prefix makes the large profile append to primary-key indexes instead of
/// splitting pages all over them, and matches what <see cref="System.Guid.CreateVersion7()"/> gives the app.
/// </summary>
internal sealed class IdFactory(DateOnly today)
{
    private long next = new DateTimeOffset(today.AddYears(-2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    public Guid Next(SeedRandom random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes[6..]);
        var ms = next++;
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)ms;
            ms >>= 8;
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>
/// Ids derived from a natural key (a user's e-mail, a territory's name, a SKU), so reference rows get the same id
/// whichever of the seeder or <see cref="DemoUsers"/> creates them first.
/// </summary>
internal static class StableId
{
    public static Guid For(string kind, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"medtech-seed/{kind}/{key.ToUpperInvariant()}"), hash);
        hash[6] = (byte)(0x80 | (hash[6] & 0x0F));
        hash[8] = (byte)(0x80 | (hash[8] & 0x3F));
        return new Guid(hash[..16], bigEndian: true);
    }
}
