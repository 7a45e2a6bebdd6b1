using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Incidents;

namespace MedTechAccounts.UnitTests.Features.Incidents;

public sealed class IncidentSlaTests
{
    private static readonly IncidentOptions Defaults = new();
    private static readonly DateTime Opened = new(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(IncidentSeverity.Critical, 4)]
    [InlineData(IncidentSeverity.Major, 24)]
    [InlineData(IncidentSeverity.Minor, 72)]
    public void The_deadline_is_the_opening_plus_the_default_target_of_the_severity(IncidentSeverity severity, int hours) =>
        Assert.Equal(Opened.AddHours(hours), IncidentSla.Deadline(Opened, severity, Defaults));

    [Fact]
    public void Targets_come_from_the_options()
    {
        var options = new IncidentOptions { FirstResponseHours = { Critical = 2, Major = 8, Minor = 40 } };

        Assert.Equal(Opened.AddHours(2), IncidentSla.Deadline(Opened, IncidentSeverity.Critical, options));
        Assert.Equal(SlaStatus.Breached, IncidentSla.Status(Opened, IncidentSeverity.Critical, Opened.AddHours(3), Opened.AddHours(3), options));
        Assert.Equal(SlaStatus.Met, IncidentSla.Status(Opened, IncidentSeverity.Critical, Opened.AddHours(3), Opened.AddHours(3), Defaults));
    }

    [Fact]
    public void Without_a_response_an_incident_is_pending_up_to_and_at_the_deadline_and_overdue_after_it()
    {
        var deadline = Opened.AddHours(4);

        Assert.Equal(SlaStatus.Pending, IncidentSla.Status(Opened, IncidentSeverity.Critical, null, Opened.AddHours(1), Defaults));
        Assert.Equal(SlaStatus.Pending, IncidentSla.Status(Opened, IncidentSeverity.Critical, null, deadline, Defaults));
        Assert.Equal(SlaStatus.Overdue, IncidentSla.Status(Opened, IncidentSeverity.Critical, null, deadline.AddSeconds(1), Defaults));
    }

    [Fact]
    public void A_response_at_the_deadline_meets_it_and_one_after_it_breaches_it_whatever_the_time_now()
    {
        var deadline = Opened.AddHours(24);
        var later = Opened.AddDays(30);

        Assert.Equal(SlaStatus.Met, IncidentSla.Status(Opened, IncidentSeverity.Major, deadline, later, Defaults));
        Assert.Equal(SlaStatus.Met, IncidentSla.Status(Opened, IncidentSeverity.Major, Opened, later, Defaults));
        Assert.Equal(SlaStatus.Breached, IncidentSla.Status(Opened, IncidentSeverity.Major, deadline.AddMinutes(1), later, Defaults));
    }

    [Fact]
    public void Missed_targets_sort_first_and_every_state_has_words()
    {
        Assert.Equal([SlaStatus.Overdue, SlaStatus.Breached, SlaStatus.Pending, SlaStatus.Met], Enum.GetValues<SlaStatus>().Order());
        Assert.True(IncidentSla.IsMissed(SlaStatus.Overdue) && IncidentSla.IsMissed(SlaStatus.Breached));
        Assert.False(IncidentSla.IsMissed(SlaStatus.Pending) || IncidentSla.IsMissed(SlaStatus.Met));
        Assert.All(Enum.GetValues<SlaStatus>(), s => Assert.False(string.IsNullOrWhiteSpace(IncidentSla.Label(s))));
    }

    [Fact]
    public void The_status_follows_the_times()
    {
        Assert.Equal(IncidentStatus.Open, IncidentSla.StatusOf(null, null));
        Assert.Equal(IncidentStatus.Responded, IncidentSla.StatusOf(Opened, null));
        Assert.Equal(IncidentStatus.Resolved, IncidentSla.StatusOf(Opened, Opened.AddHours(2)));
    }

    [Fact]
    public void Durations_read_in_days_hours_and_minutes()
    {
        Assert.Equal("12 m", IncidentSla.Duration(TimeSpan.FromMinutes(12)));
        Assert.Equal("2 h 15 m", IncidentSla.Duration(new TimeSpan(2, 15, 0)));
        Assert.Equal("3 d 4 h", IncidentSla.Duration(new TimeSpan(3, 4, 30, 0)));
    }

    [Fact]
    public void The_default_options_are_valid_and_bad_ones_are_named()
    {
        Assert.Empty(new IncidentOptions().Problems());
        var bad = new IncidentOptions
        {
            FirstResponseHours = { Major = 0 },
            BusinessHours = { Start = new TimeOnly(18, 0), End = new TimeOnly(8, 0), WorkingDays = "Monday,Funday" },
        };

        var problems = bad.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("FirstResponseHours:Major", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("BusinessHours:End", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("WorkingDays", StringComparison.Ordinal));
        Assert.True(new IncidentOptionsValidator().Validate(null, bad).Failed);
        Assert.True(new IncidentOptionsValidator().Validate(null, new IncidentOptions()).Succeeded);
    }
}
