using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// Whether the window's touches reached the people who decide: for each key role (Clinician,
/// Biomed, Purchasing, Executive) the most influential contact met counts 3 (decision maker),
/// 2 (influencer) or 1 (user) of a possible 3. Coverage is the points reached over 12. A role not met is
/// named by its most influential contact on file (alphabetical among equals).
/// </summary>
internal static class InfluencerCoverage
{
    internal static readonly ContactRoleFact[] KeyRoles =
        [ContactRoleFact.Clinician, ContactRoleFact.Biomed, ContactRoleFact.Purchasing, ContactRoleFact.Executive];

    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var from = facts.AsOf.AddDays(-settings.CoverageWindowDays);
        var met = facts.Touches
            .Where(t => t.OccurredAt > from && t.OccurredAt <= facts.AsOf)
            .SelectMany(t => t.ContactIds)
            .ToHashSet();
        var contacts = facts.Contacts.ToDictionary(c => c.Id);

        var reached = new List<string>();
        var gaps = new List<string>();
        var points = 0;
        foreach (var role in KeyRoles)
        {
            var best = met.Where(contacts.ContainsKey).Select(id => contacts[id]).Where(c => c.Role == role).OrderBy(c => c.Influence).FirstOrDefault();
            if (best is not null)
            {
                points += Weight(best.Influence);
                reached.Add($"{role} ({Describe(best.Influence)})");
                continue;
            }

            // Ties on influence go by name, so the reason names the same person whatever order the contacts were read in.
            var known = facts.Contacts.Where(c => c.Role == role)
                .OrderBy(c => c.Influence).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id).FirstOrDefault();
            gaps.Add(known is null ? $"{role} (no contact on file)" : $"{role} ({known.Name} not met)");
        }

        var coverage = points / (3.0 * KeyRoles.Length);
        var window = $"the last {settings.CoverageWindowDays} days";
        var reason = reached.Count == 0
            ? $"No key role met in {window}; not met: {List(gaps)}."
            : $"Met {reached.Count} of {KeyRoles.Length} key roles in {window}: {List(reached)}"
              + (gaps.Count == 0 ? "." : $"; not met: {List(gaps)}.");
        return new(SignalKind.InfluencerCoverage, Math.Round(coverage, 3), Signal.Clamp(100 * coverage), reason);
    }

    private static int Weight(InfluenceFact influence) => influence switch
    {
        InfluenceFact.DecisionMaker => 3,
        InfluenceFact.Influencer => 2,
        _ => 1,
    };

    private static string Describe(InfluenceFact influence) => influence switch
    {
        InfluenceFact.DecisionMaker => "decision maker",
        InfluenceFact.Influencer => "influencer",
        _ => "user",
    };
}
