using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// What the customer says: mean sentiment of the recent window (−2..+2 mapped to 0..100) and the
/// net promoter score of the survey window (−100..+100 mapped to 0..100), averaged where present;
/// minus 10 when sentiment fell by half a point or more against the year before the recent window;
/// minus points per stated problem that no touch followed up within
/// <see cref="SignalSettings.ProblemFollowUpDays"/> days (at most four count).
/// </summary>
internal static class VoiceOfCustomer
{
    private const double FallingSentiment = -0.5;
    private const double TrendPenalty = 10;
    private const int MaxUnfollowedCounted = 4;

    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var asOf = facts.AsOf;
        var recentFrom = asOf.AddDays(-settings.SentimentRecentDays);
        var priorFrom = recentFrom.AddDays(-365);
        var recent = facts.Touches.Where(t => t.OccurredAt > recentFrom && t.OccurredAt <= asOf).Select(t => (double)t.Sentiment).ToList();
        var prior = facts.Touches.Where(t => t.OccurredAt > priorFrom && t.OccurredAt <= recentFrom).Select(t => (double)t.Sentiment).ToList();
        var today = DateOnly.FromDateTime(asOf);
        var surveys = facts.Surveys.Where(s => s.Date > today.AddDays(-settings.SurveyWindowDays) && s.Date <= today).ToList();

        var parts = new List<double>();
        var sentences = new List<string>();
        double? recentMean = recent.Count > 0 ? recent.Average() : null;
        if (recentMean is { } mean)
        {
            parts.Add(50 + 25 * mean);
            var was = prior.Count > 0 ? $" (the year before: {Signed(prior.Average())})" : "";
            sentences.Add($"sentiment averaged {Signed(mean)} over {Count(recent.Count, "interaction")} in the last {settings.SentimentRecentDays} days{was}");
        }

        if (surveys.Count > 0)
        {
            var nps = NetPromoterScore(surveys);
            parts.Add(50 + nps / 2);
            sentences.Add($"NPS {Signed(nps, "+0;-0;0")} from {Count(surveys.Count, "survey response")} in the last {settings.SurveyWindowDays} days");
        }

        var trend = recentMean is { } r && prior.Count > 0 && r - prior.Average() <= FallingSentiment ? -TrendPenalty : 0;
        var unfollowed = UnfollowedProblems(facts, settings);
        if (unfollowed > 0)
        {
            sentences.Add($"{Count(unfollowed, "interaction")} with stated problems had no follow-up within {settings.ProblemFollowUpDays} days");
        }

        if (parts.Count == 0)
        {
            var neutral = Signal.Clamp(50 - settings.UnfollowedProblemPenalty * Math.Min(unfollowed, MaxUnfollowedCounted));
            var tail = unfollowed > 0 ? "; " + sentences[^1] : "";
            return new(SignalKind.VoiceOfCustomer, null, neutral,
                $"No interactions in the last {settings.SentimentRecentDays} days and no survey responses in the last {settings.SurveyWindowDays}, so scored neutral{tail}.");
        }

        var score = Signal.Clamp(parts.Average() + trend - settings.UnfollowedProblemPenalty * Math.Min(unfollowed, MaxUnfollowedCounted));
        var reason = string.Join("; ", sentences) + ".";
        return new(SignalKind.VoiceOfCustomer, recentMean is null ? null : Math.Round(recentMean.Value, 2), score, char.ToUpperInvariant(reason[0]) + reason[1..]);
    }

    /// <summary>Percentage of promoters (9–10) minus percentage of detractors (0–6).</summary>
    internal static double NetPromoterScore(IReadOnlyCollection<SurveyFact> surveys) =>
        100.0 * (surveys.Count(s => s.Nps >= 9) - surveys.Count(s => s.Nps <= 6)) / surveys.Count;

    /// <summary>Interactions of the last half year that recorded problems and had no later touch within the follow-up days (judged once those days have passed).</summary>
    private static int UnfollowedProblems(AccountFacts facts, SignalSettings settings)
    {
        var ordered = facts.Touches.Where(t => t.OccurredAt <= facts.AsOf).OrderBy(t => t.OccurredAt).ToList();
        var from = facts.AsOf.AddDays(-180);
        var count = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var touch = ordered[i];
            var due = touch.OccurredAt.AddDays(settings.ProblemFollowUpDays);
            if (touch.ProblemsStated == 0 || touch.OccurredAt <= from || due > facts.AsOf)
            {
                continue;
            }

            var followed = i + 1 < ordered.Count && ordered[i + 1].OccurredAt <= due;
            count += followed ? 0 : 1;
        }

        return count;
    }

    private static string Signed(double value, string format = "+0.0;-0.0;0.0") => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
