using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// The repeat-purchase model's view: 100 × P(alive), minus 15 when the expected orders of the
/// next year fell by more than <see cref="SignalSettings.ExpectedOrdersFallTolerated"/> against the
/// previous fit.
/// </summary>
internal static class PurchaseVitality
{
    private const double FallPenalty = 15;

    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        if (facts.Outlook is not { } outlook)
        {
            return new(SignalKind.PurchaseVitality, null, 50, "No lifetime-value fit covers this account yet; scored neutral until the next refit.");
        }

        var expected = $"{Number(outlook.ExpectedOrdersNextYear)} expected orders in the next year";
        var fell = outlook.PreviousExpectedOrders is { } previous && previous > 0
            && outlook.ExpectedOrdersNextYear < previous * (1 - settings.ExpectedOrdersFallTolerated);
        var trend = outlook.PreviousExpectedOrders is { } p ? $" (previous fit: {Number(p)})" : "";
        var score = Signal.Clamp(100 * outlook.PAlive - (fell ? FallPenalty : 0));
        return new(SignalKind.PurchaseVitality, Math.Round(outlook.PAlive, 3), score,
            $"P(alive) {Number(outlook.PAlive, "0.00")} from the repeat-purchase model; {expected}{trend}.");
    }
}
