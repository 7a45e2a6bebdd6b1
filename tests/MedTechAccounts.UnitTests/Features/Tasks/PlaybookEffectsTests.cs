using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Tasks;

/// <summary>The playbook effect table on hand-made tasks: counts, mean change of the raising signals and the share improved.</summary>
public sealed class PlaybookEffectsTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<PlaybookEffects.Result> EffectsAsync(params EngagementTask[] tasks)
    {
        _database.Db.EngagementTasks.AddRange(tasks);
        await _database.Db.SaveChangesAsync();
        return await new PlaybookEffects.Handler(_database.Db).Handle(new PlaybookEffects.Query(), CancellationToken.None);
    }

    [Fact]
    public async Task Counts_each_status_and_averages_the_signal_change_of_the_measured_done_tasks()
    {
        var account = await _database.AccountAsync();
        var id = account.Id;
        const Playbook p = Playbook.PostSaleCheckIn;

        var result = await EffectsAsync(
            TaskTestData.Task(id, p, EngagementTaskStatus.Done, """{"PostSaleSilence":30}""", """{"PostSaleSilence":80}"""),  // +50
            TaskTestData.Task(id, p, EngagementTaskStatus.Done, """{"PostSaleSilence":40}""", """{"PostSaleSilence":30}"""),  // -10
            TaskTestData.Task(id, p, EngagementTaskStatus.Done, """{"PostSaleSilence":45}""", """{"PostSaleSilence":45}"""),  // 0, not improved
            TaskTestData.Task(id, p, EngagementTaskStatus.Done),                                                                  // not measured yet
            TaskTestData.Task(id, p, EngagementTaskStatus.Dismissed, after: """{"PostSaleSilence":99}"""),                     // dismissed: counted, not measured
            TaskTestData.Task(id, p, EngagementTaskStatus.Open));

        var row = result.Rows.Single(r => r.Playbook == p);
        Assert.Equal(("Post-sale check-in", 1, 4, 1, 3), (row.Name, row.Open, row.Done, row.Dismissed, row.WithResult));
        Assert.Equal(13.3, row.MeanSignalChange);
        Assert.Equal(0.333, row.ShareImproved);
    }

    [Fact]
    public async Task A_task_raised_by_two_signals_changes_by_their_mean_and_signals_missing_after_are_ignored()
    {
        var account = await _database.AccountAsync();
        const Playbook p = Playbook.ContractRenewalConversation;

        var result = await EffectsAsync(
            TaskTestData.Task(account.Id, p, EngagementTaskStatus.Done, """{"InstallBaseRisk":20,"RepDependency":60}""", """{"InstallBaseRisk":50,"RepDependency":50}"""),
            TaskTestData.Task(account.Id, p, EngagementTaskStatus.Done, """{"InstallBaseRisk":20,"VoiceOfCustomer":10}""", """{"InstallBaseRisk":24}"""));

        var row = result.Rows.Single(r => r.Playbook == p);
        Assert.Equal(2, row.WithResult);
        Assert.Equal(7.0, row.MeanSignalChange); // ((30 - 10) / 2 + 4) / 2
        Assert.Equal(1.0, row.ShareImproved);
    }

    [Fact]
    public async Task Every_playbook_has_a_row_and_one_without_results_says_so_with_nulls()
    {
        var account = await _database.AccountAsync();

        var result = await EffectsAsync(TaskTestData.Task(account.Id, Playbook.ServiceRecoveryCall, EngagementTaskStatus.Dismissed));

        Assert.Equal(Enum.GetValues<Playbook>(), result.Rows.Select(r => r.Playbook));
        var row = result.Rows.Single(r => r.Playbook == Playbook.ServiceRecoveryCall);
        Assert.Equal((0, 0, 1, 0, (double?)null, (double?)null), (row.Open, row.Done, row.Dismissed, row.WithResult, row.MeanSignalChange, row.ShareImproved));
    }

    public void Dispose() => _database.Dispose();
}
