using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>Days since the last touch against the contact-cadence norm of the account's segment.</summary>
internal static class EngagementRecency
{
    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var cadence = settings.CadenceFor(facts.Segment);
        var norm = $"the {facts.Segment} norm is a touch every {Count(cadence, "day")}";
        var last = facts.Touches.Where(t => t.OccurredAt <= facts.AsOf).MaxBy(t => t.OccurredAt);
        if (last is null)
        {
            var age = Math.Max(0, Days(facts.CustomerSince, facts.AsOf));
            return age <= cadence
                ? new(SignalKind.EngagementRecency, null, 100, $"New account since {Date(facts.CustomerSince)} with no touch yet; {norm}.")
                : new(SignalKind.EngagementRecency, age, Score(age, cadence, settings),
                    $"No interaction logged in the {age} days since the account was created on {Date(facts.CustomerSince)}; {norm}.");
        }

        var days = Math.Max(0, Days(last.OccurredAt, facts.AsOf));
        return new(SignalKind.EngagementRecency, days, Score(days, cadence, settings),
            $"Last touch {Count(days, "day")} ago ({Article(last.Type)} by {last.Rep} on {Date(last.OccurredAt)}); {norm}.");
    }

    /// <summary>100 within the norm, falling linearly to 0 at <see cref="SignalSettings.RecencyZeroAtCadences"/> norms.</summary>
    private static int Score(int days, int cadence, SignalSettings settings) => days <= cadence
        ? 100
        : Signal.Clamp(100 * (1 - (days - cadence) / (cadence * (settings.RecencyZeroAtCadences - 1))));

    private static string Article(string type) => type switch
    {
        "InServiceTraining" => "an in-service training",
        "BusinessReview" => "a business review",
        "IncidentFollowUp" => "an incident follow-up",
        "Email" => "an e-mail",
        _ => "a " + type.ToLowerInvariant(),
    };
}
