namespace MedTechAccounts.Core.Domain;

/// <summary>
/// What an account's health puts at stake (DESIGN 4.3: tasks ranked by CLV × risk): its CLV × the risk (100 − health) ÷ 100, the risk kept within
/// 0..1, rounded to cents. The one formula of the dashboards, the account priorities and the tasks the recompute raises.
/// </summary>
public static class ValueAtStakeRule
{
    /// <summary>(100 − health) ÷ 100, kept within 0..1.</summary>
    public static double RiskOf(double healthScore) => Math.Clamp((100 - healthScore) / 100, 0, 1);

    public static decimal Of(decimal clv, double healthScore) => Math.Round(clv * (decimal)RiskOf(healthScore), 2);
}
