namespace MedTechAccounts.Core.Domain;

public class ServiceContract : EditableEntity, IAccountOwned
{
    public string ExternalId { get; set; } = "";
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public decimal AnnualValue { get; set; }

    /// <summary>The contract this one renews, forming a renewal chain.</summary>
    public Guid? RenewedFromId { get; set; }
    public ServiceContract? RenewedFrom { get; set; }
    public List<ServiceContractDevice> CoveredDevices { get; set; } = [];
}

public class ServiceContractDevice
{
    public Guid ServiceContractId { get; set; }
    public Guid DeviceId { get; set; }
    public InstalledDevice? Device { get; set; }
}
