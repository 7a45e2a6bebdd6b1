namespace MedTechAccounts.Core.Domain;

public class Order : EditableEntity, IAccountOwned
{
    public string ExternalId { get; set; } = "";
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public DateOnly OrderDate { get; set; }
    public OrderType Type { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

/// <summary>One line of an order. The discount is derived: list amount minus net amount.</summary>
public class OrderLine : Entity
{
    public Guid OrderId { get; set; }
    public Order? Order { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public Product? Product { get; set; }
    public int Quantity { get; set; }
    public decimal ListAmount { get; set; }
    public decimal NetAmount { get; set; }

    public decimal Discount => ListAmount - NetAmount;
    public decimal DiscountRate => ListAmount == 0 ? 0 : (ListAmount - NetAmount) / ListAmount;
}
