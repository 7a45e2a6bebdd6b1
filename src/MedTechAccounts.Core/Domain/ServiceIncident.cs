namespace MedTechAccounts.Core.Domain;

public class ServiceIncident : EditableEntity, IAccountOwned
{
    public string ExternalId { get; set; } = "";
    public Guid DeviceId { get; set; }
    public InstalledDevice? Device { get; set; }
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public DateTime OpenedAt { get; set; }
    public IncidentSeverity Severity { get; set; }
    public string Category { get; set; } = "";
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public bool AfterHours { get; set; }
    public Guid? ResponderId { get; set; }
    public ApplicationUser? Responder { get; set; }
    public IncidentStatus Status { get; set; }
}

/// <summary>Lengths of an incident, as the columns allow: the forms, the API and the import hold them.</summary>
public static class IncidentLimits
{
    public const int MaxCategory = 100;
    public const int MaxExternalId = 64;
}
