using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>
/// Pins what a full recompute stores for the seeded demo portfolio (every score column, every task), so a
/// change to how facts are read or rows are written cannot change a result unnoticed. The fingerprint was
/// taken from the recompute before its reads were reworked, and changed for the tier rules (with every rule
/// switched off the old fingerprint still holds), for the CLV champion chosen by holdout (MBG/CNBD-k on the demo) and for the tasks'
/// value at stake taken from the one shared formula (the CLV in cents × the clamped risk; only that column moved); change it only with a deliberate change of the scoring, and say
/// so in the commit.
/// </summary>
public sealed class RecomputeResultsPinnedTests(ScoredPortfolioFixture portfolio) : IClassFixture<ScoredPortfolioFixture>
{
    private const string Fingerprint = "200 scores, 221 tasks, sha256 B9E3F360C7DDE3FE8FE7AEF09C621A19DA12DB2CD0126D28D97632854621FDA2";

    [Fact]
    public void A_full_recompute_of_the_demo_portfolio_stores_the_pinned_scores_and_tasks()
    {
        var db = portfolio.Database.Db;
        var accounts = db.Accounts.IgnoreQueryFilters().AsNoTracking().ToDictionary(a => a.Id, a => a.ExternalId);
        var users = db.Users.AsNoTracking().ToDictionary(u => u.Id, u => u.Email);
        var lines = portfolio.Scores.Values
            .Select(s => Line("score", accounts[s.AccountId], s.AsOf, s.HealthScore, s.RiskTier, s.Clv, s.ClvRepeat, s.ClvContracts, s.ClvReplacement,
                s.PAlive, s.ExpectedOrders, s.EngagementRecency, s.PostSaleSilence, s.RepDependency, s.InfluencerCoverage, s.ServiceExperience,
                s.DiscountDependency, s.InstallBaseRisk, s.VoiceOfCustomer, s.PurchaseVitality, s.SignalDetails, s.TopReason))
            .Concat(portfolio.Tasks.Select(t => Line("task", accounts[t.AccountId], t.Playbook, t.Reason, t.ValueAtStake, t.Priority,
                t.AssigneeId is { } a ? users[a] : null, t.Due, t.Status, t.SignalsAtRaise, t.SignalsAfter)))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Fingerprint, $"{portfolio.Scores.Count} scores, {portfolio.Tasks.Count} tasks, sha256 {Sha256(lines)}");
    }

    private static string Line(params object?[] values) =>
        string.Join('|', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string Sha256(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}
