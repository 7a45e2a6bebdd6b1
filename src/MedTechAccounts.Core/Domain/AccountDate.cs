namespace MedTechAccounts.Core.Domain;

/// <summary>Dates where the account is: a visit's day, a next step's earliest due date.</summary>
public static class AccountDate
{
    /// <summary>
    /// The date at <paramref name="utc"/> in the account's time zone. With an unknown zone, the earliest local date
    /// anywhere (UTC−12), at most one day before the UTC date, so a rule "not before the visit" never refuses a true date.
    /// </summary>
    public static DateOnly Of(DateTime utc, string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcTime.Of(utc), zone))
            : DateOnly.FromDateTime(utc) is var date && date > DateOnly.MinValue ? date.AddDays(-1) : date;
}
