using AutoMapper;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Features.Tasks;

/// <summary>An engagement task as lists show it: the account, the playbook, why it was raised and what is at stake.</summary>
public sealed record TaskRow
{
    public Guid Id { get; init; }
    public Guid Version { get; init; }
    public Guid AccountId { get; init; }
    public string AccountName { get; init; } = "";
    public Playbook Playbook { get; init; }
    public string PlaybookName => PlaybookNames.Of(Playbook);
    public string Reason { get; init; } = "";
    public decimal ValueAtStake { get; init; }
    public int Priority { get; init; }
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public DateOnly? Due { get; init; }
    public EngagementTaskStatus Status { get; init; }
    public string? OutcomeNote { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
}

public sealed class TaskRowProjection : Profile
{
    public TaskRowProjection() => CreateProjection<EngagementTask, TaskRow>()
        .ForMember(r => r.AccountName, o => o.MapFrom(t => t.Account!.Name))
        .ForMember(r => r.AssigneeName, o => o.MapFrom(t => t.Assignee!.DisplayName));
}

/// <summary>How the product names the playbooks.</summary>
public static class PlaybookNames
{
    public static string Of(Playbook playbook) => Words.Of(playbook);
}

/// <summary>Who may close a task: its assignee, a manager of the account's region (the scope already limits them) or an admin.</summary>
internal static class TaskAccess
{
    public static void EnsureMayClose(EngagementTask task, ICurrentUser user)
    {
        if (task.AssigneeId != user.UserId && !user.IsInRole(Roles.Manager) && !user.IsInRole(Roles.Admin))
        {
            throw new ForbiddenException("Only the task's assignee, the account's manager or an admin may close it.");
        }
    }
}
