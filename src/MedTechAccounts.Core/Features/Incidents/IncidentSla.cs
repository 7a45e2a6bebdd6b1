using System.ComponentModel.DataAnnotations;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>Where an incident stands against its first-response target.</summary>
public enum SlaStatus
{
    /// <summary>No first response yet and the deadline has passed: the target is already missed and the customer still waits.</summary>
    [Display(Name = "Overdue")]
    Overdue,

    /// <summary>The first response came after the deadline.</summary>
    [Display(Name = "SLA breached")]
    Breached,

    /// <summary>No first response yet, and the deadline is still ahead.</summary>
    [Display(Name = "Within target")]
    Pending,

    /// <summary>The first response came on or before the deadline.</summary>
    [Display(Name = "SLA met")]
    Met,
}

/// <summary>
/// The first-response SLA of an incident, pure: the deadline is the opening time plus the target of its
/// severity (<see cref="IncidentOptions.FirstResponseHours"/>); a response exactly at the deadline meets it.
/// The enum's order is the list order: overdue first, then breached, pending, met.
/// </summary>
public static class IncidentSla
{
    public static DateTime Deadline(DateTime openedAt, IncidentSeverity severity, IncidentOptions options) =>
        openedAt + options.FirstResponseTarget(severity);

    public static SlaStatus Status(DateTime openedAt, IncidentSeverity severity, DateTime? firstResponseAt, DateTime now, IncidentOptions options)
    {
        var deadline = Deadline(openedAt, severity, options);
        return firstResponseAt is { } responded
            ? responded <= deadline ? SlaStatus.Met : SlaStatus.Breached
            : now <= deadline ? SlaStatus.Pending : SlaStatus.Overdue;
    }

    /// <summary>True for the two states that missed the target (<see cref="SlaStatus.Overdue"/>, <see cref="SlaStatus.Breached"/>).</summary>
    public static bool IsMissed(SlaStatus status) => status is SlaStatus.Overdue or SlaStatus.Breached;

    /// <summary>Words for a badge, so the state never depends on colour alone.</summary>
    public static string Label(SlaStatus status) => Words.Of(status);

    /// <summary>"2 h 15 m", "3 d 4 h", "12 m": a duration for "due in" and "late by" texts.</summary>
    public static string Duration(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalDays >= 1 ? $"{(int)d.TotalDays} d {d.Hours} h"
            : d.TotalHours >= 1 ? $"{(int)d.TotalHours} h {d.Minutes} m"
            : $"{Math.Max(0, (int)d.TotalMinutes)} m";
    }

    /// <summary>The status an incident's timestamps imply: resolved, responded or open.</summary>
    public static IncidentStatus StatusOf(DateTime? firstResponseAt, DateTime? resolvedAt) =>
        resolvedAt is not null ? IncidentStatus.Resolved
        : firstResponseAt is not null ? IncidentStatus.Responded
        : IncidentStatus.Open;
}
