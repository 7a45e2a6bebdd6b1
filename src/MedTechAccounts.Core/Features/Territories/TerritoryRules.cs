using FluentValidation;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Territories;

/// <summary>The fields a territory form edits, shared by <see cref="CreateTerritory"/> and <see cref="EditTerritory"/>.</summary>
public interface ITerritoryFields
{
    string Name { get; }
    string Region { get; }
}

/// <summary>Validation of territory fields; uniqueness of the name is checked by each command against the others.</summary>
public sealed class TerritoryFieldsValidator<T> : AbstractValidator<T> where T : ITerritoryFields
{
    public TerritoryFieldsValidator()
    {
        RuleFor(t => t.Name).NotEmpty().MaximumLength(100);
        RuleFor(t => t.Region).NotEmpty().MaximumLength(100);
    }
}

internal static class TerritoryFieldsExtensions
{
    public static void ApplyTo(this ITerritoryFields fields, Territory territory)
    {
        territory.Name = fields.Name.Trim();
        territory.Region = fields.Region.Trim();
    }

    /// <summary>Names compare without regard to case or surrounding spaces ("North Texas" and "north texas " are the same territory).</summary>
    public static string NameKey(string name) => name.Trim().ToUpperInvariant();
}
