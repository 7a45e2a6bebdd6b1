using MedTechAccounts.Analytics.Calendar;

namespace MedTechAccounts.Analytics.Tests.Calendar;

public sealed class FiscalCalendarTests
{
    [Theory]
    [InlineData("2026-01-01", 2026, 1)]
    [InlineData("2026-03-31", 2026, 1)]
    [InlineData("2026-04-01", 2026, 2)]
    [InlineData("2026-09-30", 2026, 3)]
    [InlineData("2026-12-31", 2026, 4)]
    public void With_the_default_January_start_fiscal_quarters_are_calendar_quarters(string date, int year, int quarter)
    {
        var calendar = new FiscalCalendar();

        Assert.Equal(new FiscalQuarter(year, quarter), calendar.QuarterOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-06-30", 2026, 4)]
    [InlineData("2026-07-01", 2027, 1)]
    [InlineData("2026-09-30", 2027, 1)]
    [InlineData("2026-10-01", 2027, 2)]
    [InlineData("2027-01-15", 2027, 3)]
    [InlineData("2027-04-01", 2027, 4)]
    public void A_July_start_names_the_fiscal_year_after_the_calendar_year_it_ends_in(string date, int year, int quarter)
    {
        var calendar = new FiscalCalendar(7);

        Assert.Equal(new FiscalQuarter(year, quarter), calendar.QuarterOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Quarter_start_and_end_dates_follow_the_start_month()
    {
        var july = new FiscalCalendar(7);
        var january = new FiscalCalendar(1);
        var q3 = new FiscalQuarter(2026, 3);

        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (july.Start(q3), july.End(q3)));
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)), (january.Start(q3), january.End(q3)));
        Assert.Equal((new DateOnly(2025, 7, 1), new DateOnly(2026, 6, 30)), (july.YearStart(2026), july.YearEnd(2026)));
        Assert.Equal(new DateOnly(2024, 2, 29), new FiscalCalendar(12).End(new FiscalQuarter(2024, 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(12)]
    public void Every_day_lies_in_the_quarter_whose_dates_contain_it(int startMonth)
    {
        var calendar = new FiscalCalendar(startMonth);
        for (var day = new DateOnly(2023, 1, 1); day <= new DateOnly(2026, 12, 31); day = day.AddDays(1))
        {
            var quarter = calendar.QuarterOf(day);
            Assert.InRange(day, calendar.Start(quarter), calendar.End(quarter));
            Assert.True(calendar.Contains(quarter, day));
        }
    }

    [Fact]
    public void Consecutive_quarters_meet_without_a_gap()
    {
        var calendar = new FiscalCalendar(4);
        var quarter = new FiscalQuarter(2025, 1);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(calendar.End(quarter).AddDays(1), calendar.Start(quarter.Next()));
            Assert.Equal(quarter, quarter.Next().Previous());
            quarter = quarter.Next();
        }

        Assert.Equal(new FiscalQuarter(2028, 1), quarter);
    }

    [Fact]
    public void A_quarter_label_reads_and_writes_as_year_dash_Q_number()
    {
        Assert.Equal("2026-Q3", new FiscalQuarter(2026, 3).Label);
        Assert.Equal(new FiscalQuarter(2026, 3), FiscalQuarter.Parse(" 2026-q3 "));
        Assert.True(new FiscalQuarter(2026, 4) < new FiscalQuarter(2027, 1));
        foreach (var bad in new[] { "2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-X3", "", null })
        {
            Assert.False(FiscalQuarter.TryParse(bad, out _), $"'{bad}' should not parse");
        }

        Assert.Throws<FormatException>(() => FiscalQuarter.Parse("Q3 2026"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void A_start_month_outside_1_to_12_is_refused(int month) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FiscalCalendar(month));
}
