using Microsoft.AspNetCore.Identity;

namespace MedTechAccounts.Core.Domain;

public class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The region a manager is responsible for; empty for other roles.</summary>
    public string? Region { get; set; }

    public bool IsActive { get; set; } = true;
    public List<UserTerritory> Territories { get; set; } = [];
}

public class ApplicationRole : IdentityRole<Guid>
{
    public ApplicationRole() { }
    public ApplicationRole(string name) : base(name) { }
}

public static class Roles
{
    public const string Rep = nameof(Rep);
    public const string Manager = nameof(Manager);
    public const string Executive = nameof(Executive);
    public const string Admin = nameof(Admin);
    public static readonly IReadOnlyList<string> All = [Rep, Manager, Executive, Admin];
}
