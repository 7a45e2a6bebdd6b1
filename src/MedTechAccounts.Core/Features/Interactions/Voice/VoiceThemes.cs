using System.Globalization;
using System.Text;

namespace MedTechAccounts.Core.Features.Interactions.Voice;

/// <summary>
/// How a stated problem finds its theme, transparently (docs/voice.md): the item is normalised (lower case, letters
/// and digits only, single spaces, filler words dropped); the first synonym whose normalised phrase occurs in it
/// names the theme; otherwise the normalised item is its own theme. Items that differ only in case, punctuation or
/// filler words land together; anything else is merged only by a synonym someone wrote down.
/// </summary>
public sealed class VoiceThemes
{
    private static readonly HashSet<string> Filler =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "to", "of", "on", "in", "at", "for", "and", "or",
        "our", "we", "us", "they", "their", "it", "its", "this", "that", "with", "too", "very", "so", "just",
    ];

    /// <summary>Each synonym's normalised phrase between spaces (so it matches whole words only) and its theme.</summary>
    private readonly List<(string Phrase, string Theme)> synonyms;

    public VoiceThemes(IEnumerable<(string Phrase, string Theme)> synonyms) =>
        this.synonyms = [.. synonyms.Select(s => (Normalise(s.Phrase), s.Theme.Trim())).Where(s => s.Item1.Length > 0 && s.Item2.Length > 0)
            .Select(s => ($" {s.Item1} ", s.Item2))];

    /// <summary>The theme of one stated problem: a stable key and the words a person reads.</summary>
    public (string Key, string Label) ThemeOf(string item)
    {
        var normal = Normalise(item);
        var padded = $" {normal} ";
        foreach (var (phrase, theme) in synonyms)
        {
            if (padded.Contains(phrase, StringComparison.Ordinal))
            {
                return (Normalise(theme), theme);
            }
        }

        return (normal, item.Trim());
    }

    /// <summary>Lower case, letters and digits only, single spaces, without filler words.</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Filler.Contains(w)));
    }

    /// <summary>
    /// Reads the synonym list: one <c>phrase = theme</c> per line; blank lines and lines starting with # are skipped.
    /// Errors name the line.
    /// </summary>
    public static (List<(string Phrase, string Theme)> Synonyms, List<string> Errors) Parse(string? text)
    {
        var result = new List<(string, string)>();
        var errors = new List<string>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=');
            var (phrase, theme) = equals < 0 ? ("", "") : (line[..equals].Trim(), line[(equals + 1)..].Trim());
            if (Normalise(phrase).Length == 0 || theme.Length == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Synonyms line {i + 1}: write it as 'phrase = theme' (\"{Shorten(line)}\")."));
                continue;
            }

            if (theme.Length > 200)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Synonyms line {i + 1}: a theme has at most 200 characters."));
                continue;
            }

            result.Add((phrase, theme));
        }

        return (result, errors);
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..59] + "…";
}
