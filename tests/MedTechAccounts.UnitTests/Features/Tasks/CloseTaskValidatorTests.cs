using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Infrastructure;

namespace MedTechAccounts.UnitTests.Features.Tasks;

public sealed class CloseTaskValidatorTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    private async Task<EngagementTask> TaskAsync()
    {
        var account = await _database.AccountAsync();
        var task = TaskTestData.Task(account.Id, Playbook.ServiceRecoveryCall, EngagementTaskStatus.Open);
        _database.Db.EngagementTasks.Add(task);
        await _database.Db.SaveChangesAsync();
        return task;
    }

    [Fact]
    public async Task Completing_needs_an_outcome_note_that_is_not_blank()
    {
        var task = await TaskAsync();
        var validator = new CompleteTask.Validator(_database.Db);

        var blank = await validator.ValidateAsync(new CompleteTask.Command { Id = task.Id, Version = task.Version, OutcomeNote = "   " });
        var ok = await validator.ValidateAsync(new CompleteTask.Command { Id = task.Id, Version = task.Version, OutcomeNote = "Booked a review." });

        Assert.Equal([("OutcomeNote", "Say what was done and what came of it.")], blank.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        Assert.True(ok.IsValid);
    }

    [Fact]
    public async Task Dismissing_needs_the_reason_and_a_note_longer_than_2000_characters_is_refused()
    {
        var task = await TaskAsync();
        var validator = new DismissTask.Validator(_database.Db);

        var missing = await validator.ValidateAsync(new DismissTask.Command { Id = task.Id, Version = task.Version });
        var tooLong = await validator.ValidateAsync(new DismissTask.Command { Id = task.Id, Version = task.Version, OutcomeNote = new string('x', 2001) });

        Assert.Equal(["Say why the task is dismissed."], missing.Errors.Select(e => e.ErrorMessage));
        Assert.Equal(["OutcomeNote"], tooLong.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public async Task An_unknown_task_is_not_found_before_any_field_is_checked()
    {
        await TaskAsync();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            new CompleteTask.Validator(_database.Db).ValidateAsync(new CompleteTask.Command { Id = Guid.NewGuid() }));
    }

    public void Dispose() => _database.Dispose();
}
