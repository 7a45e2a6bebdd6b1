namespace MedTechAccounts.Core.Domain;

public class SurveyResponse : EditableEntity, IAccountOwned
{
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public Guid? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Net Promoter Score answer, 0..10.</summary>
    public int Nps { get; set; }
    public string? Comment { get; set; }
}
