using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>
/// The generator plants groups of accounts with one known defect each; every signal must tell its
/// planted group from the healthy controls (area under the ROC curve ≥ 0.95), and an account with
/// every defect must land At risk.
/// </summary>
public sealed class PlantedPatternTests(ScoredPortfolioFixture portfolio) : IClassFixture<ScoredPortfolioFixture>
{
    public static TheoryData<PlantedPattern, string> Patterns => new()
    {
        { PlantedPattern.RepDependent, nameof(AccountScore.RepDependency) },
        { PlantedPattern.PostSaleSilence, nameof(AccountScore.PostSaleSilence) },
        { PlantedPattern.DiscountDependent, nameof(AccountScore.DiscountDependency) },
        { PlantedPattern.PoorService, nameof(AccountScore.ServiceExperience) },
        { PlantedPattern.ThinInfluencerCoverage, nameof(AccountScore.InfluencerCoverage) },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Each_signal_separates_its_planted_group_from_the_controls(PlantedPattern pattern, string signal)
    {
        double Score(Guid id) => (double)typeof(AccountScore).GetProperty(signal)!.GetValue(portfolio.Scores[id])!;
        var planted = portfolio.With(pattern).Select(Score).ToList();
        var controls = portfolio.Controls.Select(Score).ToList();
        Assert.NotEmpty(planted);
        Assert.NotEmpty(controls);

        var auc = Auc(healthy: controls, defective: planted);

        Assert.True(auc >= 0.95,
            $"{signal}: AUC {auc:F3} for {planted.Count} {pattern} accounts vs {controls.Count} controls. " +
            $"Planted: {string.Join(", ", planted.Order())}. Controls: {string.Join(", ", controls.Order())}.");
    }

    [Fact]
    public void Accounts_with_every_bad_pattern_land_at_risk()
    {
        var allBad = portfolio.Seed.Patterns.Where(p => p.Value == PlantedPattern.AllBad).Select(p => p.Key).ToList();
        Assert.NotEmpty(allBad);

        Assert.All(allBad, id => Assert.True(portfolio.Scores[id].RiskTier == RiskTier.AtRisk,
            $"Account {id} has health {portfolio.Scores[id].HealthScore} ({portfolio.Scores[id].RiskTier}); top reason: {portfolio.Scores[id].TopReason}"));
    }

    [Fact]
    public void Every_account_is_scored_with_a_fit_and_explained()
    {
        Assert.Equal(portfolio.Seed.Counts.Accounts, portfolio.Scores.Count);
        Assert.NotNull(portfolio.Recompute.FitId);
        Assert.All(portfolio.Scores.Values, s =>
        {
            Assert.Equal(portfolio.Recompute.FitId, s.ClvFitId);
            Assert.InRange(s.HealthScore, 0, 100);
            Assert.False(string.IsNullOrWhiteSpace(s.TopReason));
            Assert.True(s.Clv >= 0);
        });
    }

    /// <summary>P(a healthy account scores above a defective one), ties counting half.</summary>
    private static double Auc(IReadOnlyList<double> healthy, IReadOnlyList<double> defective)
    {
        var wins = 0.0;
        foreach (var h in healthy)
        {
            foreach (var d in defective)
            {
                wins += h > d ? 1 : h == d ? 0.5 : 0;
            }
        }

        return wins / (healthy.Count * defective.Count);
    }
}
