using MedTechAccounts.Analytics.Calendar;
using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// The share of net revenue of the current and the three previous fiscal quarters that was
/// bought in the last <see cref="SignalSettings.QuarterEndDays"/> days of a quarter at more than
/// <see cref="SignalSettings.DiscountThreshold"/> off list: revenue pulled in to make a quarter.
/// </summary>
internal static class DiscountDependency
{
    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var today = DateOnly.FromDateTime(facts.AsOf);
        var from = QuarterStart(today, settings.FiscalYearStartMonth).AddMonths(-9);
        var orders = facts.Orders.Where(o => o.OrderDate >= from && o.OrderDate <= today).ToList();
        var revenue = orders.Sum(o => o.NetAmount);
        if (orders.Count == 0 || revenue <= 0)
        {
            return new(SignalKind.DiscountDependency, 0, 100, $"No orders since {Date(from)}.");
        }

        var bought = orders.Where(o => IsDiscountBought(o, settings)).ToList();
        var boughtRevenue = bought.Sum(o => o.NetAmount);
        var share = (double)(boughtRevenue / revenue);
        var score = Signal.Clamp(100 * (1 - share / settings.DiscountShareZero));
        var rule = $"in the last {settings.QuarterEndDays} days of a quarter at more than {Percent(settings.DiscountThreshold)} off";
        var reason = bought.Count == 0
            ? $"None of the {Money(revenue)} net revenue since {Date(from)} was bought {rule}."
            : $"{Percent(share)} of the net revenue since {Date(from)} ({Money(boughtRevenue)} of {Money(revenue)}, {Count(bought.Count, "order")}) was bought {rule}.";
        return new(SignalKind.DiscountDependency, Math.Round(share, 3), score, reason);
    }

    /// <summary>Placed in the closing days of its fiscal quarter, with a discount above the threshold.</summary>
    internal static bool IsDiscountBought(OrderFact order, SignalSettings settings)
    {
        if (order.ListAmount <= 0)
        {
            return false;
        }

        var discount = (double)((order.ListAmount - order.NetAmount) / order.ListAmount);
        var quarterEnd = QuarterStart(order.OrderDate, settings.FiscalYearStartMonth).AddMonths(3).AddDays(-1);
        return discount > settings.DiscountThreshold && order.OrderDate > quarterEnd.AddDays(-settings.QuarterEndDays);
    }

    /// <summary>First day of the fiscal quarter that holds <paramref name="date"/>.</summary>
    internal static DateOnly QuarterStart(DateOnly date, int fiscalYearStartMonth)
    {
        var calendar = new FiscalCalendar(fiscalYearStartMonth);
        return calendar.Start(calendar.QuarterOf(date));
    }
}
