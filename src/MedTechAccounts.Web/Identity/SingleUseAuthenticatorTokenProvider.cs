using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Authenticator (RFC 6238) codes that are accepted once. Identity's own provider accepts a code
/// again for as long as it is current, so one code could open two sessions; this one remembers
/// the last accepted time step per user (in the Identity user tokens table, no schema change) and
/// accepts only a later step. The window is the current step and one either side (RFC 6238's
/// advice for clock drift), narrower than Identity's two. Saving the step goes through the
/// user's concurrency stamp, so of two requests racing with one code only one is accepted.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public const string LoginProvider = "[MedTechAccounts]";
    public const string LastStepName = "AuthenticatorLastStep";
    private const int StepSeconds = 30;

    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(string.Empty); // the code comes from the user's app, never from the server

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token.Length != 6 || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var stored = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        var lastStep = long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        var keyBytes = FromBase32(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step <= lastStep || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(keyBytes, step)), Encoding.ASCII.GetBytes(token)))
            {
                continue;
            }

            var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }

        return false;
    }

    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[] FromBase32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(input.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in input.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not base32.");
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
