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

    /// <summary>Product managers and engineers: they read the customers' voice by product, nothing about accounts beyond name and segment.</summary>
    public const string Product = nameof(Product);

    /// <summary>Lowest first: a person's highest role is the last of these they hold.</summary>
    public static readonly IReadOnlyList<string> All = [Product, Rep, Manager, Executive, Admin];

    /// <summary>The roles that work with accounts: every page except the voice of the customer and the sign-in pages needs one.</summary>
    public static readonly IReadOnlyList<string> Fieldwork = [Rep, Manager, Executive, Admin];
}
