namespace MedTechAccounts.Core.Domain;

/// <summary>A hospital, clinic or ambulatory surgery center, optionally part of an IDN / health system.</summary>
public class Account : EditableEntity
{
    /// <summary>Key shared with the ERP and CSV interchange.</summary>
    public string ExternalId { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentAccountId { get; set; }
    public Account? ParentAccount { get; set; }
    public List<Account> Children { get; set; } = [];
    public AccountSegment Segment { get; set; }
    public int? BedCount { get; set; }
    public Guid TerritoryId { get; set; }
    public Territory? Territory { get; set; }
    public Guid? OwnerRepId { get; set; }
    public ApplicationUser? OwnerRep { get; set; }
    public AccountStatus Status { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }

    /// <summary>IANA time zone of the site, for business hours (after-hours incidents).</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    public List<Contact> Contacts { get; set; } = [];
    public List<InstalledDevice> Devices { get; set; } = [];
}

/// <summary>Set by commands that change an account's facts; the recompute worker consumes it.</summary>
public class StaleAccount
{
    public Guid AccountId { get; set; }
    public DateTime MarkedAt { get; set; }
}

/// <summary>Lengths and ranges of an account, as the columns allow: the form, the API and the import hold them.</summary>
public static class AccountLimits
{
    public const int MaxExternalId = 64;
    public const int MaxName = 200;
    public const int MaxCity = 100;
    public const int MaxState = 50;
    public const int MaxTimeZone = 64;
    public const int MaxBeds = 5000;
}
