using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>RFC 6238 codes (30-second steps, 6 digits, HMAC-SHA1), computed as an authenticator app would.</summary>
public static class Totp
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    /// <summary>
    /// A code the app has not seen yet for this key: the app accepts each 30-second step once (and one step of clock
    /// drift), so a second sign-in within a step uses the next step's code, and a third waits for the clock.
    /// </summary>
    public static async Task<string> UnusedCodeAsync(string base32Key)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var step = now.ToUnixTimeSeconds() / 30;
            var last = LastStep.GetOrAdd(base32Key, long.MinValue);
            var next = last < step ? step : last + 1;
            if (next <= step + 1 && LastStep.TryUpdate(base32Key, next, last))
            {
                return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(next * 30));
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public static string Code(string base32Key, DateTimeOffset now)
    {
        var key = FromBase32(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, now.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
