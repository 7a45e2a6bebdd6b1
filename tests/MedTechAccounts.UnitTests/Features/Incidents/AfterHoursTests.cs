using MedTechAccounts.Core.Features.Incidents;
using Microsoft.Extensions.Configuration;

namespace MedTechAccounts.UnitTests.Features.Incidents;

/// <summary>After hours in the site's own time zone; default business hours Monday to Friday, 08:00–18:00.</summary>
public sealed class AfterHoursTests
{
    private static readonly BusinessHoursOptions Default = new();
    private const string Chicago = "America/Chicago";

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void A_weekday_afternoon_at_the_site_is_business_hours()
    {
        // Wednesday 2026-11-04 20:00 UTC = 14:00 in Chicago (CST, UTC-6).
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 4, 20), Chicago, Default));
    }

    [Fact]
    public void Half_past_seven_in_the_evening_local_is_after_hours_though_it_is_afternoon_in_UTC_elsewhere()
    {
        // Wednesday 2026-11-04 19:30 in Chicago = Thursday 01:30 UTC.
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 5, 1, 30), Chicago, Default));
        // The same instant is 17:30 on Wednesday in Los Angeles: business hours there.
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 5, 1, 30), "America/Los_Angeles", Default));
    }

    [Fact]
    public void A_Saturday_at_the_site_is_after_hours_even_at_noon()
    {
        // Saturday 2026-11-07 12:00 in Chicago = 18:00 UTC.
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 7, 18), Chicago, Default));
        // Friday afternoon in Los Angeles is already Saturday in UTC: the site's day counts.
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 7, 0, 30), "America/Los_Angeles", Default)); // Fri 16:30 PST
    }

    [Fact]
    public void Start_is_inclusive_and_end_is_exclusive()
    {
        // Monday 2026-11-02: 08:00 CST = 14:00 UTC, 18:00 CST = 00:00 UTC Tuesday.
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 2, 14), Chicago, Default));
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 2, 13, 59), Chicago, Default));
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 3, 0), Chicago, Default));
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 2, 23, 59), Chicago, Default));
    }

    [Fact]
    public void Daylight_saving_time_moves_the_UTC_hour_of_opening_time()
    {
        // 13:30 UTC is 07:30 CST on Friday 6 March 2026 (before the change) but 08:30 CDT on Monday 9 March (after it).
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 3, 6, 13, 30), Chicago, Default));
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 3, 9, 13, 30), Chicago, Default));
        // And back in autumn: 13:30 UTC is 08:30 CDT on Friday 30 October, 07:30 CST on Monday 2 November.
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 10, 30, 13, 30), Chicago, Default));
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 2, 13, 30), Chicago, Default));
    }

    [Fact]
    public void The_night_of_the_spring_change_converts_without_error()
    {
        // 2026-03-08 02:00–03:00 does not exist in Chicago; 08:00 UTC is 03:00 CDT, a Sunday.
        Assert.Equal(new DateTime(2026, 3, 8, 3, 0, 0), AfterHours.Local(Utc(2026, 3, 8, 8), Chicago));
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 3, 8, 8), Chicago, Default));
    }

    [Fact]
    public void Business_hours_and_working_days_are_configurable()
    {
        var hours = new BusinessHoursOptions { Start = new TimeOnly(7, 0), End = new TimeOnly(19, 0), WorkingDays = "Monday, Tuesday, Wednesday, Thursday, Friday, saturday" };

        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 7, 18), Chicago, hours)); // Saturday noon
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 5, 0, 30), Chicago, hours)); // Wednesday 18:30
        Assert.True(AfterHours.IsAfterHours(Utc(2026, 11, 8, 18), Chicago, hours)); // Sunday
    }

    [Fact]
    public void An_unknown_or_empty_time_zone_falls_back_to_UTC()
    {
        Assert.Equal(TimeZoneInfo.Utc, AfterHours.Zone("Mars/Olympus_Mons"));
        Assert.Equal(TimeZoneInfo.Utc, AfterHours.Zone(""));
        Assert.False(AfterHours.IsAfterHours(Utc(2026, 11, 4, 9), null, Default));
    }

    [Fact]
    public void The_options_bind_from_configuration_and_keep_the_defaults_for_what_is_not_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Incidents:FirstResponseHours:Critical"] = "2",
            ["Incidents:BusinessHours:Start"] = "07:30",
            ["Incidents:BusinessHours:WorkingDays"] = "Monday,Tuesday",
        }).Build();

        var options = configuration.GetSection(IncidentOptions.Section).Get<IncidentOptions>()!;

        Assert.Equal((2d, 24d, 72d), (options.FirstResponseHours.Critical, options.FirstResponseHours.Major, options.FirstResponseHours.Minor));
        Assert.Equal((new TimeOnly(7, 30), new TimeOnly(18, 0)), (options.BusinessHours.Start, options.BusinessHours.End));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday], options.BusinessHours.Days.Order());
    }
}
