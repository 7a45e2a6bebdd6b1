using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// Purchases (capital and service orders, not consumable re-orders) and installs of the last
/// <see cref="SignalSettings.PostSaleWindowDays"/> days that nobody followed up with a touch within
/// <see cref="SignalSettings.PostSaleTouchDays"/> days. An event whose follow-up window is still
/// open and untouched is not judged yet. Score: the share followed up, minus 25 points per
/// silent one.
/// </summary>
internal static class PostSaleSilence
{
    private const double SilentPenalty = 25;

    private sealed record SaleEvent(DateOnly Date, string What);

    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var today = DateOnly.FromDateTime(facts.AsOf);
        var from = today.AddDays(-settings.PostSaleWindowDays);
        var events = Events(facts, from, today);
        if (events.Count == 0)
        {
            return new(SignalKind.PostSaleSilence, 0, 100, $"No purchases or installs in the last {settings.PostSaleWindowDays} days.");
        }

        var touchDays = facts.Touches.Select(t => DateOnly.FromDateTime(t.OccurredAt)).Where(d => d <= today).Order().ToList();
        DateOnly? FirstTouchFrom(DateOnly day)
        {
            var i = touchDays.BinarySearch(day);
            i = i >= 0 ? touchDays.FindIndex(d => d == day) : ~i;
            return i < touchDays.Count ? touchDays[i] : null;
        }

        var judged = new List<(SaleEvent Event, bool Silent, int DaysToTouch)>();
        foreach (var sale in events)
        {
            var touch = FirstTouchFrom(sale.Date);
            var deadline = sale.Date.AddDays(settings.PostSaleTouchDays);
            if (touch is { } t && t <= deadline)
            {
                judged.Add((sale, false, t.DayNumber - sale.Date.DayNumber));
            }
            else if (today > deadline)
            {
                judged.Add((sale, true, (touch ?? today).DayNumber - sale.Date.DayNumber));
            }
        }

        if (judged.Count == 0)
        {
            return new(SignalKind.PostSaleSilence, 0, 100,
                $"{Count(events.Count, "purchase or install", "purchases or installs")} in the last {settings.PostSaleWindowDays} days, all still inside their {settings.PostSaleTouchDays}-day follow-up window.");
        }

        var silent = judged.Where(j => j.Silent).ToList();
        // Every unfollowed sale costs on top of the share: one silent install among two is not "half healthy".
        var score = Signal.Clamp(100.0 * (judged.Count - silent.Count) / judged.Count - SilentPenalty * silent.Count);
        if (silent.Count == 0)
        {
            return new(SignalKind.PostSaleSilence, 0, score,
                $"All {Count(judged.Count, "purchase or install", "purchases or installs")} of the last {settings.PostSaleWindowDays} days had a touch within {settings.PostSaleTouchDays} days.");
        }

        // The longest silence speaks for the rest.
        var worst = silent.MaxBy(s => s.DaysToTouch);
        var more = silent.Count > 1 ? $" ({silent.Count - 1} more of {judged.Count} went unfollowed too)" : $" (1 of {judged.Count})";
        var what = $"the {Date(worst.Event.Date)} {worst.Event.What}";
        var sentence = worst.Event.Date.AddDays(worst.DaysToTouch) >= today
            ? $"No touch in {Count(worst.DaysToTouch, "day")} since {what}"
            : $"The first touch came {Count(worst.DaysToTouch, "day")} after {what}";
        return new(SignalKind.PostSaleSilence, silent.Count, score, sentence + more + ".");
    }

    private static List<SaleEvent> Events(AccountFacts facts, DateOnly from, DateOnly today)
    {
        var installs = facts.Devices
            .Where(d => d.Competitor is null && d.InstallDate >= from && d.InstallDate <= today)
            .GroupBy(d => (d.InstallDate, d.Family))
            .Select(g => new SaleEvent(g.Key.InstallDate, $"install of {Count(g.Count(), g.Key.Family + " device")}"));
        var purchases = facts.Orders
            .Where(o => o.Type != "Consumable" && o.OrderDate >= from && o.OrderDate <= today)
            .Select(o => new SaleEvent(o.OrderDate, $"{SplitWords(o.Type)} order of {Money(o.NetAmount)}"));
        return [.. installs.Concat(purchases).OrderBy(e => e.Date)];
    }

    private static string SplitWords(string type) => type == "ServiceRenewal" ? "service renewal" : type.ToLowerInvariant();
}
