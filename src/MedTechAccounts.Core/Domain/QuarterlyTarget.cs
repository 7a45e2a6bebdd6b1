namespace MedTechAccounts.Core.Domain;

/// <summary>Revenue target of one fiscal quarter for one scope (the company, a region, a territory, a rep or a product family).</summary>
public class QuarterlyTarget : EditableEntity
{
    public int FiscalYear { get; set; }
    public int FiscalQuarter { get; set; }
    public TargetScope Scope { get; set; }

    /// <summary>Region name, territory name, rep e-mail or product family; empty for the company.</summary>
    public string ScopeKey { get; set; } = "";
    public decimal RevenueTarget { get; set; }
}
