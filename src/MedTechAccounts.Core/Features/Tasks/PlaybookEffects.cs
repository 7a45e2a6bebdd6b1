using System.Text.Json;
using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>
/// Does a playbook work? Per playbook: tasks open, done and dismissed; of the done ones, those whose
/// signals were measured again after the effect period, the mean change of their signals' sub-scores
/// (after − at raise, in points) and the share that improved. Within the caller's scope.
/// </summary>
public static class PlaybookEffects
{
    public sealed record Query : IQuery<Result>, ICachedQuery
    {
        /// <summary>Only the tasks of the accounts that pass this filter (the manager dashboard's); null for all in scope.</summary>
        public DashboardFilter? Filter { get; init; }
    }

    public sealed record Result(IReadOnlyList<Row> Rows);

    public sealed record Row(
        Playbook Playbook,
        string Name,
        int Open,
        int Done,
        int Dismissed,
        int WithResult,
        double? MeanSignalChange,
        double? ShareImproved);

    /// <summary>A closed task's measurement: its signals' sub-scores when raised and after the effect period.</summary>
    public sealed record Measured(Playbook Playbook, string SignalsAtRaise, string SignalsAfter);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var accounts = db.Accounts.AsNoTracking().Matching(query.Filter).Select(a => a.Id);
            var tasks = query.Filter is null ? db.EngagementTasks.AsNoTracking() : db.EngagementTasks.AsNoTracking().Where(t => accounts.Contains(t.AccountId));
            var counts = await tasks
                .GroupBy(t => new { t.Playbook, t.Status })
                .Select(g => new { g.Key.Playbook, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var measured = await tasks
                .Where(t => t.Status == EngagementTaskStatus.Done && t.SignalsAfter != null)
                .Select(t => new Measured(t.Playbook, t.SignalsAtRaise, t.SignalsAfter!))
                .ToListAsync(cancellationToken);
            var rows = Enum.GetValues<Playbook>().Select(p =>
            {
                int Count(EngagementTaskStatus s) => counts.Where(c => c.Playbook == p && c.Status == s).Sum(c => c.Count);
                var changes = measured.Where(m => m.Playbook == p).Select(Change).OfType<double>().ToList();
                return new Row(p, PlaybookNames.Of(p), Count(EngagementTaskStatus.Open), Count(EngagementTaskStatus.Done), Count(EngagementTaskStatus.Dismissed),
                    changes.Count,
                    changes.Count == 0 ? null : Math.Round(changes.Average(), 1),
                    changes.Count == 0 ? null : Math.Round(changes.Count(c => c > 0) / (double)changes.Count, 3));
            }).ToList();
            return new Result(rows);
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A task's signal change: the mean over its raising signals of (score after − score at raise);
    /// null when the two measurements share no signal.
    /// </summary>
    public static double? Change(Measured task)
    {
        var before = JsonSerializer.Deserialize<Dictionary<string, int>>(task.SignalsAtRaise, Json);
        var after = JsonSerializer.Deserialize<Dictionary<string, int>>(task.SignalsAfter, Json);

        var deltas = (before ?? []).Where(b => after?.ContainsKey(b.Key) == true).Select(b => (double)(after![b.Key] - b.Value)).ToList();
        return deltas.Count == 0 ? null : deltas.Average();
    }
}
