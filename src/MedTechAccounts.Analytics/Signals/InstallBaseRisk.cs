using static MedTechAccounts.Analytics.Signals.ReasonText;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>
/// Where the fleet may be lost: our devices inside <see cref="SignalSettings.EndOfLifeMonths"/>
/// months of the end of their service life (or past it), warranties and service coverage ending
/// within <see cref="SignalSettings.ExpiryDays"/> days without a renewal, and the competitors'
/// share of the whole fleet. Risk = 0.4 × end-of-life share + 0.2 × expiring share + 0.4 ×
/// competitor share.
/// </summary>
internal static class InstallBaseRisk
{
    public static Signal Compute(AccountFacts facts, SignalSettings settings)
    {
        var today = DateOnly.FromDateTime(facts.AsOf);
        var ours = facts.Devices.Where(d => d.Competitor is null).ToList();
        var theirs = facts.Devices.Count - ours.Count;
        if (facts.Devices.Count == 0)
        {
            return new(SignalKind.InstallBaseRisk, null, 100, "No installed devices recorded at this account.");
        }

        var eolLimit = today.AddMonths(settings.EndOfLifeMonths);
        var nearEnd = ours.Where(d => d.EndOfServiceLife is { } end && end <= eolLimit).OrderBy(d => d.EndOfServiceLife).ToList();
        var expiryLimit = today.AddDays(settings.ExpiryDays);
        bool EndsSoon(DateOnly? end) => end is { } e && e >= today && e <= expiryLimit;
        var expiringDevices = ours.Count(d => EndsSoon(d.WarrantyEnd) || EndsSoon(d.ContractEnd));
        var expiringContracts = facts.Contracts.Count(c => !c.Renewed && EndsSoon(c.End));

        var eolShare = ours.Count == 0 ? 0 : (double)nearEnd.Count / ours.Count;
        var expiringShare = ours.Count == 0 ? 0 : Math.Min(1, (double)expiringDevices / ours.Count);
        var competitorShare = (double)theirs / facts.Devices.Count;
        var risk = 0.4 * eolShare + 0.2 * expiringShare + 0.4 * competitorShare;

        var sentences = new List<string>();
        if (nearEnd.Count > 0)
        {
            var first = nearEnd[0];
            sentences.Add($"{nearEnd.Count} of our {Count(ours.Count, "device")} reach the end of service life within {settings.EndOfLifeMonths} months "
                + $"(first: {first.Product} {first.SerialNumber}, {(first.EndOfServiceLife < today ? "past it since" : "on")} {Date(first.EndOfServiceLife!.Value)})");
        }
        else if (ours.Count > 0)
        {
            sentences.Add($"None of our {Count(ours.Count, "device")} reaches the end of service life within {settings.EndOfLifeMonths} months");
        }

        if (expiringDevices + expiringContracts > 0)
        {
            sentences.Add($"{Count(expiringDevices, "device")} lose warranty or contract cover and {Count(expiringContracts, "unrenewed contract")} end within {settings.ExpiryDays} days");
        }

        sentences.Add(theirs == 0
            ? "no competitor devices recorded"
            : $"competitors hold {theirs} of {Count(facts.Devices.Count, "device")} ({Percent(competitorShare)})");
        var reason = string.Join("; ", sentences) + ".";
        return new(SignalKind.InstallBaseRisk, Math.Round(risk, 3), Signal.Clamp(100 * (1 - risk)), char.ToUpperInvariant(reason[0]) + reason[1..]);
    }
}
