namespace MedTechAccounts.Core.Domain;

/// <summary>A next best action raised by a playbook from an account's signals.</summary>
public class EngagementTask : EditableEntity, IAccountOwned
{
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public Playbook Playbook { get; set; }
    public string Reason { get; set; } = "";
    public decimal ValueAtStake { get; set; }
    public int Priority { get; set; }
    public Guid? AssigneeId { get; set; }
    public ApplicationUser? Assignee { get; set; }
    public DateOnly? Due { get; set; }
    public EngagementTaskStatus Status { get; set; }
    public string? OutcomeNote { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>JSON of the raising signals' values when the task was raised.</summary>
    public string SignalsAtRaise { get; set; } = "{}";

    /// <summary>JSON of the same signals 90 days after the task was done.</summary>
    public string? SignalsAfter { get; set; }
}
