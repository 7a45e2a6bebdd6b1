namespace MedTechAccounts.Core.Domain;

/// <summary>A person at an account (never a patient).</summary>
public class Contact : EditableEntity, IAccountOwned
{
    public string ExternalId { get; set; } = "";
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public ContactRole Role { get; set; }
    public ContactInfluence Influence { get; set; }
    public ContactChannel PreferredChannel { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}
