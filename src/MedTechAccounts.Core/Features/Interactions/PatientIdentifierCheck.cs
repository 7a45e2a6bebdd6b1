using System.Text.RegularExpressions;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// A heuristic (design section 7): flags free text that looks like it holds patient identifiers,
/// so flagged notes are held before they are stored (<see cref="Behaviors.PatientInformationHoldBehavior{TMessage, TResponse}"/>)
/// until the rep edits them or confirms they hold none. A false positive costs one confirmation, never a logged visit;
/// talk about devices ("serial 12345", "lot 4471", "room 3 in the OR") must not trip it.
/// </summary>
public static partial class PatientIdentifierCheck
{
    public const string Reminder = "Never record patient information.";

    /// <summary>One warning per kind of identifier found; empty when the text looks clean.</summary>
    public static IReadOnlyList<string> Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var warnings = new List<string>();
        if (MedicalRecordNumber().IsMatch(text))
        {
            warnings.Add("The notes look like they contain a medical record number.");
        }

        if (DateOfBirth().IsMatch(text))
        {
            warnings.Add("The notes look like they contain a date of birth.");
        }

        if (SocialSecurityNumber().IsMatch(text))
        {
            warnings.Add("The notes look like they contain a social security number.");
        }

        if (PatientName().IsMatch(text) || RoomAndBedWithName().IsMatch(text))
        {
            warnings.Add("The notes look like they name a patient.");
        }

        if (PatientPhone().IsMatch(text))
        {
            warnings.Add("The notes look like they contain a patient's or a relative's phone number.");
        }

        if (PatientEmail().IsMatch(text))
        {
            warnings.Add("The notes look like they contain a patient's or a relative's e-mail address.");
        }

        return warnings;
    }

    /// <summary>"MRN 1234567", "MRN: 00123456", "medical record #4455667", "chart no. 88123".</summary>
    [GeneratedRegex(@"\b(?:MRN|med(?:ical)?\s*rec(?:ord)?(?:\s*(?:no|number|nr))?|chart\s*(?:no|number|#))\.?\s*[:#]?\s*\d{4,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MedicalRecordNumber();

    /// <summary>"DOB 01/02/1960", "d.o.b.: 1960-02-01", "born 3.4.58", "date of birth 1 Feb 1960".</summary>
    [GeneratedRegex(@"\b(?:D\.?O\.?B\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:\-]?\s*(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{2,4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateOfBirth();

    /// <summary>123-45-6789 (dashes or spaces), or "SSN 123456789".</summary>
    [GeneratedRegex(@"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])|\bSSN\s*[:#]?\s*\d{9}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SocialSecurityNumber();

    /// <summary>"patient John Smith", "pt. Maria Lopez" and the like: a patient word followed by a capitalised name,
    /// or a titled name followed by the patient word ("Mr. Smith (patient)", "Mrs. Jones, the patient").</summary>
    [GeneratedRegex(@"\b(?:[Pp]atient|PATIENT|[Pp]t\.?)(?:'s)?\s*(?:[:,\-]\s*)?(?!(?:Safety|Monitor\w*|Care|Experience|Services?|Transport|Flow|Access|Portal|Room|Lift|Warming|Data|Records?|Education|Satisfaction|Throughput|Outcomes?|Relations|Advocate|Advocacy|Support|Handling|Positioning|Engagement|Identification)\b)(?:(?:Mr|Mrs|Ms|Miss)\.?\s+" + NamePart + @"|" + NamePart + @"(?:\s+\p{Lu}\.)?\s+" + NamePart + @")|\b(?:Mr|Mrs|Ms|Miss)\.?\s+" + NamePart + @"\s*(?:\(\s*|,\s*)(?:the\s+|a\s+)?(?:[Pp]atient|[Pp]t\b)")]
    private static partial Regex PatientName();

    /// <summary>"room 412 bed 2 John Smith", "Rm 12B, Mrs. Jones", "John Smith in room 412": a room or bed number next to a name.</summary>
    [GeneratedRegex(@"\b(?:[Rr]oom|[Rr]m\.?|[Bb]ed)\s*#?\s*\d+[A-Za-z]?(?:\s*[,/\-]?\s*[Bb]ed\s*#?\s*\d+[A-Za-z]?)?\s*[,:\-]?\s*(?:(?:Mr|Mrs|Ms|Miss)\.?\s+" + NamePart + @"|" + NamePart + @"\s+" + NamePart + @")|(?:(?:Mr|Mrs|Ms|Miss)\.?\s+" + NamePart + @"|" + NamePart + @"\s+" + NamePart + @")(?:\s*,\s*|\s+in\s+)(?:[Rr]oom|[Rr]m\.?|[Bb]ed)\s*#?\s*\d+")]
    private static partial Regex RoomAndBedWithName();

    /// <summary>A phone number within a few words of "patient" or of a relative ("her daughter"), either order.</summary>
    [GeneratedRegex(@"\b(?:patient|pt\.?|" + Relative + @")(?:'s)?\b[^.\n]{0,30}?(?:\+?1[\s.\-]?)?\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}\b|(?:\+?1[\s.\-]?)?\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}\b[^.\n]{0,30}?\b(?:(?:patient|pt)\b(?!\s*(?:monitor|monitoring|safety|care|lift|warming|transport|flow|data)\b)|" + Relative + @"\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatientPhone();

    /// <summary>An e-mail address within a few words of "patient" or of a relative, either order; a colleague's address is not flagged.</summary>
    [GeneratedRegex(@"\b(?:patient|pt\.?|" + Relative + @")(?:'s)?\b[^.\n]{0,40}?[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+[^.\n]{0,30}?\b(?:(?:patient|pt)\b(?!\s*(?:monitor|monitoring|safety|care|lift|warming|transport|flow|data)\b)|" + Relative + @"\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PatientEmail();

    /// <summary>A capitalised name: "Smith", "O'Brien", "McDonald", "Lopez-Garcia"; not an acronym such as ICU or OR.</summary>
    private const string NamePart = @"\p{Lu}\p{Ll}{0,2}'?\p{Lu}?[\p{Ll}'\-]+";

    /// <summary>A relative named with a possessive ("her daughter", "his wife"): a sales note has no reason to mention one.</summary>
    private const string Relative = @"(?:(?:her|his|their)\s+(?:daughter|son|wife|husband|mother|father|sister|brother|partner|family|relative)|next\s+of\s+kin)";
}
