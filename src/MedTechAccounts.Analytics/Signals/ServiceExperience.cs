using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// How service felt to the account over the window: the share of first responses and of
/// resolutions inside their SLA targets (an open incident past its target counts as missed; one
/// still inside it is not judged yet) and the same share for after-hours incidents, averaged; minus
/// points per open critical incident and per repeat incident on one device.
/// </summary>
internal static class ServiceExperience
{
    /// <summary>The counts the tier rules read: first responses judged and on time, open critical incidents, the most repeat incidents on one device.</summary>
    public static ServiceEvidence Evidence(AccountFacts facts, SignalSettings settings)
    {
        var incidents = InWindow(facts, settings);
        var responses = incidents.Select(i => Judge(i.OpenedAt, i.FirstResponseAt, settings.FirstResponseHours[i.Severity], facts.AsOf)).ToList();
        var worstDevice = incidents.GroupBy(i => i.Device)
            .Select(g => (Device: g.Key, Repeats: RepeatsOn(g.ToList(), settings)))
            .OrderByDescending(d => d.Repeats).ThenBy(d => d.Device, StringComparer.Ordinal)
            .FirstOrDefault();
        return new(
            responses.Count(r => r is not null),
            responses.Count(r => r == true),
            OpenCritical(incidents).Count,
            worstDevice.Repeats,
            worstDevice.Repeats > 0 ? worstDevice.Device : null);
    }

    private static int RepeatsOn(List<IncidentFact> device, SignalSettings settings) =>
        device.Zip(device.Skip(1)).Count(p => (p.Second.OpenedAt - p.First.OpenedAt).TotalDays <= settings.RepeatIncidentDays);

    private static List<IncidentFact> InWindow(AccountFacts facts, SignalSettings settings)
    {
        var from = facts.AsOf.AddDays(-settings.ServiceWindowDays);
        return facts.Incidents
            .Where(i => i.OpenedAt <= facts.AsOf && (i.OpenedAt > from || i.ResolvedAt is null))
            .OrderBy(i => i.OpenedAt)
            .ToList();
    }

    private static List<IncidentFact> OpenCritical(List<IncidentFact> incidents) =>
        incidents.Where(i => i.Severity == SeverityFact.Critical && i.ResolvedAt is null).ToList();

    /// <summary>Incidents on a device within the repeat window of that device's previous one, summed over devices.</summary>
    private static int Repeats(List<IncidentFact> incidents, SignalSettings settings) =>
        incidents.GroupBy(i => i.Device).Sum(g => RepeatsOn(g.ToList(), settings));

    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var incidents = InWindow(facts, settings);
        var window = settings.ServiceWindowDays == 365 ? "the last year" : $"the last {settings.ServiceWindowDays} days";
        if (incidents.Count == 0)
        {
            return new(SignalKind.ServiceExperience, null, 100, $"No service incidents in {window}.");
        }

        var responses = incidents.Select(i => Judge(i.OpenedAt, i.FirstResponseAt, settings.FirstResponseHours[i.Severity], facts.AsOf)).ToList();
        var resolutions = incidents.Select(i => Judge(i.OpenedAt, i.ResolvedAt, settings.ResolutionHours[i.Severity], facts.AsOf)).ToList();
        var afterHours = incidents.Select((i, n) => (i, n)).Where(x => x.i.AfterHours).Select(x => responses[x.n]).ToList();

        var parts = new[] { Share(responses), Share(resolutions), Share(afterHours) }.Where(s => s is not null).Select(s => s!.Value).ToList();
        var openCritical = OpenCritical(incidents);
        var repeats = Repeats(incidents, settings);
        var baseScore = parts.Count == 0 ? 100 : 100 * parts.Average();
        var score = Signal.Clamp(baseScore - settings.OpenCriticalPenalty * openCritical.Count - settings.RepeatIncidentPenalty * repeats);

        var sentences = new List<string>
        {
            $"{Count(incidents.Count, "incident")} in {window}: {Tally(responses, "first response", "first responses")} and {Tally(resolutions, "resolution", "resolutions")} within SLA",
        };
        if (afterHours.Count > 0)
        {
            sentences.Add($"{Tally(afterHours, "after-hours response", "after-hours responses")} on time");
        }

        if (openCritical.Count > 0)
        {
            var oldest = openCritical[0];
            sentences.Add($"{Count(openCritical.Count, "critical incident")} open, the oldest since {Date(oldest.OpenedAt)} on {oldest.Device}");
        }

        if (repeats > 0)
        {
            sentences.Add($"{Count(repeats, "repeat incident")} on the same device within {settings.RepeatIncidentDays} days");
        }

        var responseShare = Share(responses);
        return new(SignalKind.ServiceExperience, responseShare is null ? null : Math.Round(responseShare.Value, 3), score, string.Join("; ", sentences) + ".");
    }

    /// <summary>True: done within target; false: done late or still open past target; null: open and still inside target.</summary>
    private static bool? Judge(DateTime opened, DateTime? done, double targetHours, DateTime asOf)
    {
        var deadline = opened.AddHours(targetHours);
        return done is { } at ? at <= deadline : asOf > deadline ? false : null;
    }

    private static double? Share(List<bool?> judged)
    {
        var counted = judged.Where(j => j is not null).ToList();
        return counted.Count == 0 ? null : (double)counted.Count(j => j == true) / counted.Count;
    }

    private static string Tally(List<bool?> judged, string singular, string plural)
    {
        var counted = judged.Count(j => j is not null);
        return counted == 0 ? $"no {singular} due yet" : $"{judged.Count(j => j == true)} of {Count(counted, singular, plural)}";
    }
}
