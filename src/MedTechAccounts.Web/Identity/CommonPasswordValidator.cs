using System.Reflection;
using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Refuses passwords that are common, or a common password padded with digits and symbols
/// ("Password1234!"), a keyboard run, one repeated character, or the user's own e-mail name.
/// No composition rules: length and this list do the work (NIST 800-63B).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        return Task.FromResult(IsWeak(password, user.Email)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common or too easy to guess. Use a longer phrase of unrelated words.",
            })
            : IdentityResult.Success);
    }

    public static bool IsWeak(string password, string? email)
    {
        var lower = password.ToLowerInvariant();
        var core = lower.Trim("0123456789!@#$%^&*()_-+=.?~ ".ToCharArray());
        if (Common.Value.Contains(lower) || Common.Value.Contains(core) || core.Length < 4)
        {
            return true;
        }

        if (lower.Distinct().Count() <= 2)
        {
            return true;
        }

        const string runs = "abcdefghijklmnopqrstuvwxyz 01234567890 qwertyuiopasdfghjklzxcvbnm 1qaz2wsx3edc";
        if (runs.Contains(lower, StringComparison.Ordinal) || runs.Contains(core, StringComparison.Ordinal))
        {
            return true;
        }

        var localPart = email?.Split('@')[0].ToLowerInvariant();
        return !string.IsNullOrEmpty(localPart) && localPart.Length >= 4 && lower.Contains(localPart, StringComparison.Ordinal);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MedTechAccounts.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words;
    }
}
