using System.ComponentModel.DataAnnotations;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// One changed field of one record. Written by the audit interceptor; never updated or deleted, except that a redaction
/// replaces a copied note by <see cref="RedactionMarker"/> (the database allows nothing else).
/// </summary>
public class AuditEntry
{
    /// <summary>What a compliance officer's redaction leaves in place of a note and of every audit copy of it.</summary>
    public const string RedactionMarker = "[redacted by compliance]";

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

    /// <summary>The one row that stands for <paramref name="count"/> records written by a bulk load (seeding), instead of one row per field.</summary>
    public static AuditEntry BulkSummary(Guid? userId, string userName, DateTime at, string entity, AuditAction action, int count) => new()
    {
        UserId = userId,
        UserName = userName,
        At = at,
        Entity = entity,
        EntityId = "*",
        Action = action,
        Field = "(bulk)",
        NewValue = count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " records",
    };
}

/// <summary><see cref="Redact"/>: a compliance officer redacted the field; the entry's new value is the reason they gave.</summary>
public enum AuditAction
{
    [Display(Name = "Created")] Insert,
    [Display(Name = "Changed")] Update,
    [Display(Name = "Deleted")] Delete,
    [Display(Name = "Redacted")] Redact,
}
