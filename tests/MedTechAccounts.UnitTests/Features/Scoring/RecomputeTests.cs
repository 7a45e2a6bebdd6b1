using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Scoring;

/// <summary>The recompute's bookkeeping: stale marks, one open task per playbook, the 90-day effect of done tasks.</summary>
public sealed class RecomputeTests(ScoredPortfolioFixture portfolio) : IClassFixture<ScoredPortfolioFixture>
{
    [Fact]
    public async Task A_mark_set_while_its_account_is_scored_survives_for_the_next_round_and_older_marks_are_consumed()
    {
        var db = portfolio.Database.Db;
        var clock = portfolio.Database.Clock;
        var (before, during) = (portfolio.Controls[0], portfolio.Controls[1]);
        await db.StaleAccounts.ExecuteDeleteAsync();
        db.StaleAccounts.AddRange(
            new StaleAccount { AccountId = before, MarkedAt = clock.GetUtcNow().UtcDateTime.AddMinutes(-1) },
            // A visit saved while the batch reads its facts: its mark is newer than the batch's start.
            new StaleAccount { AccountId = during, MarkedAt = clock.GetUtcNow().UtcDateTime.AddSeconds(1) });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var first = await portfolio.Recomputer().RecomputeStaleAsync(CancellationToken.None);

        Assert.Equal(2, first.Accounts);
        Assert.Equal([during], await db.StaleAccounts.Select(s => s.AccountId).ToListAsync());

        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await portfolio.Recomputer().RecomputeStaleAsync(CancellationToken.None);

        Assert.Equal(1, second.Accounts);
        Assert.Empty(await db.StaleAccounts.ToListAsync());
        Assert.Equal(RecomputeResult.None.Accounts, (await portfolio.Recomputer().RecomputeStaleAsync(CancellationToken.None)).Accounts);
    }

    [Fact]
    public async Task Recomputing_again_raises_no_second_open_task_for_the_same_account_and_playbook()
    {
        var db = portfolio.Database.Db;
        Assert.NotEmpty(portfolio.Tasks);
        Assert.All(portfolio.Tasks.GroupBy(t => (t.AccountId, t.Playbook)), g => Assert.Single(g));

        var again = await portfolio.Recomputer().RecomputeAllAsync(refit: false, progress: null, CancellationToken.None);

        Assert.Equal(0, again.TasksRaised);
        Assert.Equal(portfolio.Tasks.Count, await db.EngagementTasks.CountAsync());
        Assert.Equal(portfolio.Scores.Count, await db.AccountScores.CountAsync());
    }

    [Fact]
    public async Task Ninety_days_after_a_task_is_done_the_change_of_its_signals_is_recorded()
    {
        var db = portfolio.Database.Db;
        var now = portfolio.Database.Clock.GetUtcNow().UtcDateTime;
        var task = portfolio.Tasks.First(t => t.Playbook == Playbook.ServiceRecoveryCall);
        var fresh = portfolio.Tasks.First(t => t.Id != task.Id && t.AccountId != task.AccountId);
        await db.EngagementTasks.Where(t => t.Id == task.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, EngagementTaskStatus.Done).SetProperty(t => t.ClosedAt, now.AddDays(-91)));
        await db.EngagementTasks.Where(t => t.Id == fresh.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, EngagementTaskStatus.Done).SetProperty(t => t.ClosedAt, now.AddDays(-30)));
        db.StaleAccounts.AddRange(
            new StaleAccount { AccountId = task.AccountId, MarkedAt = now.AddMinutes(-1) },
            new StaleAccount { AccountId = fresh.AccountId, MarkedAt = now.AddMinutes(-1) });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var result = await portfolio.Recomputer().RecomputeStaleAsync(CancellationToken.None);

        Assert.Equal(1, result.EffectsRecorded);
        var stored = await db.EngagementTasks.AsNoTracking().SingleAsync(t => t.Id == task.Id);
        Assert.Equal("{\"ServiceExperience\":" + portfolio.Scores[task.AccountId].ServiceExperience + "}", stored.SignalsAfter);
        Assert.Null((await db.EngagementTasks.AsNoTracking().SingleAsync(t => t.Id == fresh.Id)).SignalsAfter);
    }

    [Fact]
    public void Tasks_go_to_the_accounts_rep_with_the_signals_reason_and_value_at_stake()
    {
        var accounts = portfolio.Database.Db.Accounts.AsNoTracking().ToDictionary(a => a.Id);
        Assert.All(portfolio.Tasks, t =>
        {
            Assert.Equal(accounts[t.AccountId].OwnerRepId, t.AssigneeId);
            Assert.False(string.IsNullOrWhiteSpace(t.Reason));
            Assert.True(t.ValueAtStake >= 0);
            Assert.Equal(EngagementTaskStatus.Open, t.Status);
        });
        Assert.Contains(portfolio.Tasks, t => t.Playbook == Playbook.MultiThreadRelationship && portfolio.With(Core.Features.Seeding.PlantedPattern.RepDependent).Contains(t.AccountId));
    }
}
