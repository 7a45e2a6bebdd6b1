using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// How much of the relationship rests on one person: the Herfindahl index of the window's
/// interactions by rep (1 = one rep only) and the share of the contacts met that only ever met one
/// rep. Their mean is the dependency; the score stays 100 up to
/// <see cref="SignalSettings.RepDependencyTolerated"/> and falls linearly to 0 at full dependency.
/// </summary>
internal static class RepDependency
{
    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var from = facts.AsOf.AddDays(-settings.RepDependencyWindowDays);
        var touches = facts.Touches.Where(t => t.OccurredAt > from && t.OccurredAt <= facts.AsOf).ToList();
        var window = settings.RepDependencyWindowDays == 365 ? "the last year" : $"the last {settings.RepDependencyWindowDays} days";
        if (touches.Count == 0)
        {
            return new(SignalKind.RepDependency, null, 50, $"No interactions in {window}, so the spread of the relationship cannot be measured; scored neutral.");
        }

        var byRep = touches.GroupBy(t => t.Rep).Select(g => (Rep: g.Key, Count: g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Rep, StringComparer.Ordinal).ToList();
        var herfindahl = byRep.Sum(r => Math.Pow((double)r.Count / touches.Count, 2));
        var repsPerContact = touches
            .SelectMany(t => t.ContactIds.Select(c => (Contact: c, t.Rep)))
            .GroupBy(x => x.Contact)
            .Select(g => g.Select(x => x.Rep).Distinct().Count())
            .ToList();
        var singleRepContacts = repsPerContact.Count(n => n == 1);
        var singleShare = repsPerContact.Count == 0 ? 1.0 : (double)singleRepContacts / repsPerContact.Count;
        var dependency = (herfindahl + singleShare) / 2;
        var score = dependency <= settings.RepDependencyTolerated
            ? 100
            : Signal.Clamp(100 * (1 - (dependency - settings.RepDependencyTolerated) / (1 - settings.RepDependencyTolerated)));

        var top = byRep[0];
        var topShare = (double)top.Count / touches.Count;
        var people = byRep.Count == 1
            ? $"All {Count(touches.Count, "interaction")} of {window} are by one rep ({top.Rep})"
            : $"{Percent(topShare)} of {window}'s {Count(touches.Count, "interaction")} are by {top.Rep}, the rest by {Count(byRep.Count - 1, "other person", "other people")}";
        var contacts = repsPerContact.Count == 0
            ? "no contact was met in person"
            : $"{singleRepContacts} of {Count(repsPerContact.Count, "contact")} met have never met anyone else from us";
        return new(SignalKind.RepDependency, Math.Round(dependency, 3), score, $"{people}; {contacts}.");
    }
}
