using AutoMapper;
using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>Which accounts a dashboard drill-down lists.</summary>
public enum DashboardList
{
    /// <summary>Every scored account that passes the filter, most value at stake first.</summary>
    All,

    /// <summary>The accounts of one risk tier, most value at stake first.</summary>
    Tier,

    /// <summary>Accounts whose rep-dependency sub-score is below 100, the most dependent first.</summary>
    RepDependency,

    /// <summary>Accounts whose influencer-coverage sub-score is below 100, the weakest coverage first.</summary>
    Coverage,

    /// <summary>Accounts with tasks of one playbook (optionally in one status), most value at stake first.</summary>
    Playbook,
}

/// <summary>
/// The drill-down behind every score number of the manager dashboard: the accounts of a tier, the at-risk list, the
/// rep-dependency and influencer-coverage rankings, in full, with the same filter. Reads the latest stored scores.
/// </summary>
public static class DashboardAccounts
{
    public sealed record Query : IQuery<Result>
    {
        public DashboardFilter Filter { get; init; } = new();
        public DashboardList List { get; init; } = DashboardList.All;
        public RiskTier? Tier { get; init; }

        /// <summary>Only accounts whose ranked signal is below <see cref="ManagerDashboard.GapBelow"/> (the gaps).</summary>
        public bool GapsOnly { get; init; }

        /// <summary>For <see cref="DashboardList.Playbook"/>: the playbook, and optionally the tasks' status.</summary>
        public Playbook? Playbook { get; init; }
        public EngagementTaskStatus? TaskStatus { get; init; }
    }

    public sealed record Result(string Title, DashboardFilter Filter, DashboardList List, RiskTier? Tier, bool GapsOnly, IReadOnlyList<Row> Rows)
    {
        public Playbook? Playbook { get; init; }
        public EngagementTaskStatus? TaskStatus { get; init; }
    }

    /// <summary>One account; <c>SubScore</c> and <c>Reason</c> are the ranked signal's (the top reason for tier lists).</summary>
    public sealed record Row(ScoredAccount Account, int? SubScore, string Reason);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Filter.Segment).IsInEnum();
            RuleFor(q => q.List).IsInEnum();
            RuleFor(q => q.Tier).NotNull().IsInEnum().When(q => q.List == DashboardList.Tier).WithMessage("Name the tier.");
            RuleFor(q => q.Playbook).NotNull().IsInEnum().When(q => q.List == DashboardList.Playbook).WithMessage("Name the playbook.");
            RuleFor(q => q.TaskStatus).IsInEnum();
        }
    }

    public sealed class Handler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var scores = await LatestScores.ReadAsync(LatestScores.Of(db, query.Filter), mapping, ct);
            List<Row> rows;
            switch (query.List)
            {
                case DashboardList.RepDependency or DashboardList.Coverage:
                    var isDependency = query.List == DashboardList.RepDependency;
                    Func<ScoredAccount, double> signal = isDependency ? s => s.RepDependency : s => s.InfluencerCoverage;
                    var ranked = ManagerDashboard.Ranked(scores, signal).Where(s => !query.GapsOnly || signal(s) < ManagerDashboard.GapBelow).ToList();
                    var reasons = await LatestScores.ReasonsAsync(db, [.. ranked.Select(s => s.AccountId)],
                        isDependency ? nameof(SignalKind.RepDependency) : nameof(SignalKind.InfluencerCoverage), ct);
                    rows = [.. ranked.Select(s => new Row(s, (int)Math.Round(signal(s)), reasons.GetValueOrDefault(s.AccountId, "")))];
                    break;
                case DashboardList.Playbook:
                    var withTasks = db.EngagementTasks.AsNoTracking()
                        .Where(t => t.Playbook == query.Playbook && (query.TaskStatus == null || t.Status == query.TaskStatus))
                        .Select(t => t.AccountId);
                    var tasked = await LatestScores.ReadAsync(LatestScores.Of(db, query.Filter).Where(s => withTasks.Contains(s.AccountId)), mapping, ct);
                    rows = [.. ManagerDashboard.ByValueAtStake(tasked).Select(s => new Row(s, null, s.TopReason))];
                    break;
                default:
                    var inList = query.List == DashboardList.Tier ? scores.Where(s => s.RiskTier == query.Tier) : scores;
                    rows = [.. ManagerDashboard.ByValueAtStake(inList).Select(s => new Row(s, null, s.TopReason))];
                    break;
            }

            return new Result(TitleOf(query), query.Filter, query.List, query.Tier, query.GapsOnly, rows) { Playbook = query.Playbook, TaskStatus = query.TaskStatus };
        }
    }

    public static string TitleOf(Query query) => query.List switch
    {
        DashboardList.Tier => $"{ManagerDashboard.TierName(query.Tier ?? RiskTier.AtRisk)} accounts",
        DashboardList.RepDependency => query.GapsOnly ? "Accounts dependent on one rep" : "Rep-dependency ranking",
        DashboardList.Coverage => query.GapsOnly ? "Influencer-coverage gaps" : "Influencer-coverage ranking",
        DashboardList.Playbook => $"Accounts with {(query.TaskStatus is { } status ? status.ToString().ToLowerInvariant() + " " : "")}tasks of this playbook",
        _ => "Scored accounts",
    };
}
