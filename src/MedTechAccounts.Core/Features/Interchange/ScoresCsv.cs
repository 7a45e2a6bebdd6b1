using System.Globalization;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>The stored account scores (sub-scores 0–100, 100 = healthy), one row per account and as-of date. Export only.</summary>
internal sealed class ScoresCsv : CsvKind
{
    public override string Name => "scores";

    public override bool CanImport => false;

    public override IReadOnlyList<string> Columns { get; } =
    [
        "account_external_id", "as_of", "health_score", "risk_tier", "clv", "clv_repeat", "clv_contracts", "clv_replacement", "p_alive",
        "engagement_recency", "post_sale_silence", "rep_dependency", "influencer_coverage", "service_experience", "discount_dependency",
        "install_base_risk", "voice_of_customer", "purchase_vitality", "top_reason",
    ];

    public override Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct) =>
        throw new NotSupportedException("Scores are computed, not imported.");

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.AccountScores.AsNoTracking().Select(s => new { Account = s.Account!.ExternalId, Score = s }).ToListAsync(ct))
            .OrderBy(s => s.Account, StringComparer.Ordinal).ThenBy(s => s.Score.AsOf)
            .Select(x => new string?[]
            {
                x.Account, CsvValues.Date(x.Score.AsOf), CsvValues.Score(x.Score.HealthScore), x.Score.RiskTier.ToString(),
                CsvValues.Amount(x.Score.Clv), CsvValues.Amount(x.Score.ClvRepeat), CsvValues.Amount(x.Score.ClvContracts), CsvValues.Amount(x.Score.ClvReplacement),
                x.Score.PAlive.ToString("0.####", CultureInfo.InvariantCulture),
                CsvValues.Score(x.Score.EngagementRecency), CsvValues.Score(x.Score.PostSaleSilence), CsvValues.Score(x.Score.RepDependency),
                CsvValues.Score(x.Score.InfluencerCoverage), CsvValues.Score(x.Score.ServiceExperience), CsvValues.Score(x.Score.DiscountDependency),
                CsvValues.Score(x.Score.InstallBaseRisk), CsvValues.Score(x.Score.VoiceOfCustomer), CsvValues.Score(x.Score.PurchaseVitality), x.Score.TopReason,
            })
            .ToList();
}
