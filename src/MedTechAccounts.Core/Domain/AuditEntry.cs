namespace MedTechAccounts.Core.Domain;

/// <summary>One changed field of one record. Written by the audit interceptor; never updated or deleted.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime At { get; set; }
    public string Entity { get; set; } = "";
    public string EntityId { get; set; } = "";
    public AuditAction Action { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

public enum AuditAction { Insert, Update, Delete }
