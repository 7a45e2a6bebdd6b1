namespace MedTechAccounts.Core.Domain;

/// <summary>How free text is stored, whichever way it came in: trimmed, "\n" line endings, and nothing at all rather than blanks.</summary>
public static class StoredText
{
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ReplaceLineEndings("\n");
}
