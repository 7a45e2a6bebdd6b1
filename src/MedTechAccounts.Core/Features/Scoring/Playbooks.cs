using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>A task a playbook wants raised: which playbook, the signals behind it and the reason to show.</summary>
public sealed record PlaybookTrigger(Playbook Playbook, IReadOnlyList<SignalKind> Signals, string Reason, int DueInDays);

/// <summary>
/// The playbooks of DESIGN 4.3: which signals raise which next best action. A playbook fires when
/// its signal's sub-score is below <see cref="Threshold"/>; the reason is the signal's own sentence.
/// </summary>
public static class Playbooks
{
    public const int Threshold = 50;

    public static IReadOnlyList<PlaybookTrigger> Triggered(IReadOnlyList<Signal> signals, AccountFacts facts, SignalSettings settings)
    {
        var byKind = signals.ToDictionary(s => s.Kind);
        var triggers = new List<PlaybookTrigger>();
        void When(SignalKind kind, Playbook playbook, int dueInDays, Func<Signal, bool>? also = null)
        {
            var signal = byKind[kind];
            if (signal.Score < Threshold && (also is null || also(signal)))
            {
                triggers.Add(new(playbook, [kind], signal.Reason, dueInDays));
            }
        }

        When(SignalKind.PostSaleSilence, Playbook.PostSaleCheckIn, 7);
        When(SignalKind.RepDependency, Playbook.MultiThreadRelationship, 30, s => s.Value is not null);
        When(SignalKind.InfluencerCoverage, Playbook.ExecutiveBusinessReview, 30);
        When(SignalKind.ServiceExperience, Playbook.ServiceRecoveryCall, 3);
        When(SignalKind.DiscountDependency, Playbook.ValueReviewInsteadOfDiscount, 30);

        // Install-base risk has two causes with different conversations.
        var today = DateOnly.FromDateTime(facts.AsOf);
        var ending = facts.Contracts.Where(c => !c.Renewed && c.End >= today && c.End <= today.AddDays(settings.ExpiryDays)).OrderBy(c => c.End).ToList();
        if (ending.Count > 0)
        {
            triggers.Add(new(Playbook.ContractRenewalConversation, [SignalKind.InstallBaseRisk],
                $"{ending.Count} service contract{(ending.Count == 1 ? "" : "s")} worth {ending.Sum(c => c.AnnualValue):#,0} a year end{(ending.Count == 1 ? "s" : "")} by {ending[^1].End:yyyy-MM-dd} without a renewal.", 14));
        }

        var installBase = byKind[SignalKind.InstallBaseRisk];
        var endOfLife = today.AddMonths(settings.EndOfLifeMonths);
        if (installBase.Score < 70 && facts.Devices.Any(d => d.Competitor is null && d.EndOfServiceLife <= endOfLife))
        {
            triggers.Add(new(Playbook.ReplacementPlanning, [SignalKind.InstallBaseRisk], installBase.Reason, 30));
        }

        return triggers;
    }
}
