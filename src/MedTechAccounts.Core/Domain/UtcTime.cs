namespace MedTechAccounts.Core.Domain;

/// <summary>
/// Every time is stored in UTC. A time without a zone (a form's date-time field, a file's column) is taken as UTC, one
/// with a zone is converted. The one normalisation of the commands, the importers, the audit filters and the storage.
/// </summary>
public static class UtcTime
{
    public static DateTime Of(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>In UTC, to the millisecond: sub-millisecond digits are dropped so every provider stores the same value.</summary>
    public static DateTime ToMillisecond(DateTime value)
    {
        var utc = Of(value);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTime? ToMillisecond(DateTime? value) => value is { } v ? ToMillisecond(v) : null;
}
