namespace MedTechAccounts.Core.Infrastructure;

/// <summary>Who is acting: a signed-in person, an API client, or the system (CLI, background work).</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string Name { get; }
    bool IsInRole(string role);

    /// <summary>True for the CLI, seeding and background workers, which see every account.</summary>
    bool IsSystem { get; }
}

/// <summary>The actor for the command line, seeding and background workers.</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();
    public Guid? UserId => null;
    public string Name => "system";
    public bool IsInRole(string role) => false;
    public bool IsSystem => true;
}
