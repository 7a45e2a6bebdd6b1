namespace MedTechAccounts.Core.Domain;

/// <summary>A sales territory inside a region. Reps are assigned to territories, managers to regions.</summary>
public class Territory : EditableEntity
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public List<UserTerritory> Reps { get; set; } = [];
}

public class UserTerritory
{
    public Guid UserId { get; set; }
    public ApplicationUser? User { get; set; }
    public Guid TerritoryId { get; set; }
    public Territory? Territory { get; set; }
}
