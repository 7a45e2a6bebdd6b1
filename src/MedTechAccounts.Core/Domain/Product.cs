namespace MedTechAccounts.Core.Domain;

public class Product : EditableEntity
{
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string Family { get; set; } = "";
    public ProductCategory Category { get; set; }
    public decimal ListPrice { get; set; }

    /// <summary>Expected service life in months (0 for consumables).</summary>
    public int ServiceLifeMonths { get; set; }
}
