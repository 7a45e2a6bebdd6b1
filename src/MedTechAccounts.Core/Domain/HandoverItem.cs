using System.ComponentModel.DataAnnotations;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// One account of a handover plan: the person whose relationship with the account is to be shared, the colleague who
/// takes the engagement task, and the baseline the plan's progress is read against (the person's share of the
/// account's interactions, the rep-dependency sub-score and the contacts only the person met, when the plan was made).
/// </summary>
public class HandoverItem : Entity, IAccountOwned
{
    /// <summary>The departing (or over-relied-on) person.</summary>
    public Guid PersonId { get; set; }
    public ApplicationUser? Person { get; set; }
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }

    /// <summary>The multi-threading task the plan created or took over.</summary>
    public Guid? TaskId { get; set; }
    public EngagementTask? Task { get; set; }
    public Guid AssigneeId { get; set; }
    public ApplicationUser? Assignee { get; set; }

    /// <summary>Which step of the documented rule chose the assignee.</summary>
    public HandoverRule Rule { get; set; }
    public Guid? PlannedById { get; set; }

    /// <summary>The person's share of the account's interactions in the rep-dependency window, when planned (0..1).</summary>
    public double ShareBefore { get; set; }

    /// <summary>The account's rep-dependency sub-score (0–100, 100 = spread) from its latest stored score, when planned.</summary>
    public double? DependencyScoreBefore { get; set; }

    /// <summary>The contacts only the person had met in the last year, when planned: ids separated by ';'.</summary>
    public string SoleContactIds { get; set; } = "";
}

/// <summary>How a handover item's assignee was chosen (docs/scoring.md, "Handover plan").</summary>
public enum HandoverRule
{
    [Display(Name = "next most frequent visitor")]
    SecondVisitor,

    [Display(Name = "the region's manager")]
    Manager,

    [Display(Name = "colleague with the fewest open tasks")]
    ColleagueWithCapacity,

    [Display(Name = "already had the account's multi-threading task")]
    ExistingTask,
}
