namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Whether an instant falls outside a site's business hours, in the site's own time zone (an IANA id such as
/// <c>America/Chicago</c>, as stored on the account). Daylight saving is the time zone database's business:
/// the instant is converted with the rules in force on that date.
/// </summary>
public static class AfterHours
{
    /// <summary>The zone for an IANA id; UTC when the id is empty or unknown on this machine.</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The site's wall-clock time of a UTC instant.</summary>
    public static DateTime Local(DateTime utc, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone(timeZoneId));

    /// <summary>True on a non-working day, before the start or from the end of business hours, local time.</summary>
    public static bool IsAfterHours(DateTime utc, string? timeZoneId, BusinessHoursOptions hours)
    {
        var local = Local(utc, timeZoneId);
        var time = TimeOnly.FromDateTime(local);
        return !hours.Days.Contains(local.DayOfWeek) || time < hours.Start || time >= hours.End;
    }
}
