using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>
/// The generator plants groups of accounts with one known defect each; every signal must tell its
/// planted group from the healthy controls (area under the ROC curve ≥ 0.95), at least 90% of the
/// accounts with every defect must land At risk and at least 80% of the controls Healthy, on the
/// demo and on a portfolio the scoring was not tuned on.
/// </summary>
public abstract class PlantedPatternTests(ScoredPortfolioFixture portfolio)
{
    protected ScoredPortfolioFixture Portfolio => portfolio;

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
    public void At_least_nine_in_ten_accounts_with_every_bad_pattern_land_at_risk()
    {
        var allBad = portfolio.Seed.Patterns.Where(p => p.Value == PlantedPattern.AllBad).Select(p => portfolio.Scores[p.Key]).ToList();
        Assert.NotEmpty(allBad);

        var atRisk = allBad.Count(s => s.RiskTier == RiskTier.AtRisk);

        Assert.True(atRisk >= 0.9 * allBad.Count,
            $"{atRisk} of {allBad.Count} all-bad accounts At risk. Not At risk: " +
            string.Join(" | ", allBad.Where(s => s.RiskTier != RiskTier.AtRisk).Select(s => $"{s.HealthScore} {s.RiskTier}: {s.TierReason}")));
    }

    [Fact]
    public void At_least_four_in_five_healthy_controls_stay_healthy()
    {
        var controls = portfolio.Controls.Select(id => portfolio.Scores[id]).ToList();
        Assert.NotEmpty(controls);

        var healthy = controls.Count(s => s.RiskTier == RiskTier.Healthy);

        Assert.True(healthy >= 0.8 * controls.Count,
            $"{healthy} of {controls.Count} controls Healthy. Not Healthy: " +
            string.Join(" | ", controls.Where(s => s.RiskTier != RiskTier.Healthy).Select(s => $"{s.HealthScore} {s.RiskTier}: {s.TierReason}")));
    }

    [Fact]
    public void Every_tier_says_what_decided_it()
    {
        Assert.All(portfolio.Scores.Values, s => Assert.False(string.IsNullOrWhiteSpace(s.TierReason)));
        Assert.Contains(portfolio.Scores.Values, s => s.TierReason.Contains(" by rule: ", StringComparison.Ordinal) && s.TopReason.StartsWith(s.TierReason, StringComparison.Ordinal));
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

/// <summary>The demo portfolio: the planted checks, and every all-bad account At risk.</summary>
public sealed class PlantedPatternTestsOnTheDemo(ScoredPortfolioFixture portfolio) : PlantedPatternTests(portfolio), IClassFixture<ScoredPortfolioFixture>
{
    [Fact]
    public void Accounts_with_every_bad_pattern_land_at_risk()
    {
        var allBad = Portfolio.Seed.Patterns.Where(p => p.Value == PlantedPattern.AllBad).Select(p => p.Key).ToList();
        Assert.NotEmpty(allBad);

        Assert.All(allBad, id => Assert.True(Portfolio.Scores[id].RiskTier == RiskTier.AtRisk,
            $"Account {id} has health {Portfolio.Scores[id].HealthScore} ({Portfolio.Scores[id].RiskTier}); top reason: {Portfolio.Scores[id].TopReason}"));
    }
}

/// <summary>The same checks on a portfolio with another seed, size and interaction density.</summary>
public sealed class PlantedPatternTestsOnAnUnseenPortfolio(UnseenPortfolioFixture portfolio) : PlantedPatternTests(portfolio), IClassFixture<UnseenPortfolioFixture>;
