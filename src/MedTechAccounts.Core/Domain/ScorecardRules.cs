using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// The tier rules beside the scorecard weights (docs/scoring.md, "Tier rules"), one row that
/// administrators edit: very low signals make an account At risk, service failures cap its tier.
/// </summary>
public class ScorecardRules : EditableEntity
{
    /// <summary>The single row's id.</summary>
    public static readonly Guid SingletonId = new("5c0e3ca2-d000-4000-8000-000000000003");

    public int LowSignalBelow { get; set; } = 20;
    public int LowSignalCount { get; set; } = 2;
    public TierCap OpenCriticalCap { get; set; } = TierCap.Watch;
    public int FirstResponseSlaBelowPercent { get; set; } = 50;
    public int FirstResponseSlaMinimum { get; set; } = 5;
    public TierCap FirstResponseSlaCap { get; set; } = TierCap.Watch;
    public int RepeatIncidentsFrom { get; set; } = 3;
    public TierCap RepeatIncidentsCap { get; set; } = TierCap.Watch;

    public TierRules ToRules() => new(
        LowSignalBelow, LowSignalCount, OpenCriticalCap, FirstResponseSlaBelowPercent, FirstResponseSlaMinimum, FirstResponseSlaCap,
        RepeatIncidentsFrom, RepeatIncidentsCap);
}
