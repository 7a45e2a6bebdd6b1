namespace MedTechAccounts.Core.Domain;

/// <summary>A device in an account's install base: ours, or a competitor's (with its maker's name).</summary>
public class InstalledDevice : EditableEntity, IAccountOwned
{
    public Guid ProductId { get; set; }
    public Product? Product { get; set; }
    public string SerialNumber { get; set; } = "";
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public string? Department { get; set; }
    public DateOnly InstallDate { get; set; }
    public DateOnly? WarrantyEnd { get; set; }
    public DateOnly? ContractEnd { get; set; }
    public DeviceStatus Status { get; set; }

    /// <summary>Set when the device is a competitor's; null for our own devices.</summary>
    public string? Competitor { get; set; }
}
