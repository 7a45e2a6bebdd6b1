using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;

namespace MedTechAccounts.Web.Features.Incidents;

/// <summary>How incident pages write times, SLA states and severities.</summary>
public static class IncidentFormat
{
    public static string Utc(DateTime? value) =>
        value is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>The value of a hidden UTC field: ISO 8601 with Z, empty for none.</summary>
    public static string Iso(DateTime? value) =>
        value is { } v ? UtcTime.ToMillisecond(v).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "";

    public static string SlaClass(SlaStatus status) => "badge sla-" + status.ToString().ToLowerInvariant();

    public static string SlaIcon(SlaStatus status) => status switch
    {
        SlaStatus.Overdue => "bi-alarm",
        SlaStatus.Breached => "bi-exclamation-triangle",
        SlaStatus.Pending => "bi-hourglass-split",
        _ => "bi-check-circle",
    };

    /// <summary>"due in 2 h 10 m", "late by 1 d 3 h", "answered in 45 m".</summary>
    public static string SlaDetail(SlaStatus status, DateTime openedAt, DateTime deadline, DateTime? firstResponseAt, DateTime now) => status switch
    {
        SlaStatus.Pending => "due in " + IncidentSla.Duration(deadline - now),
        SlaStatus.Overdue => "late by " + IncidentSla.Duration(now - deadline),
        _ => "answered in " + IncidentSla.Duration(firstResponseAt!.Value - openedAt),
    };

    public static string SeverityClass(IncidentSeverity severity) => severity switch
    {
        IncidentSeverity.Critical => "badge severity-critical",
        IncidentSeverity.Major => "badge severity-major",
        _ => "badge severity-minor",
    };
}

/// <summary>A time field of an incident form: a hidden UTC value the server reads, shown in the browser's local time by utc-time.js.</summary>
public sealed record UtcTimeField(string Name, string Label, DateTime? Value, string Help, string? Error);
