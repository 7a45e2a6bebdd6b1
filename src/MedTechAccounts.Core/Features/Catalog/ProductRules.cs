using FluentValidation;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Catalog;

/// <summary>The fields a product form edits, shared by <see cref="CreateProduct"/> and <see cref="EditProduct"/>.</summary>
public interface IProductFields
{
    string Sku { get; }
    string Name { get; }
    string Family { get; }
    ProductCategory Category { get; }
    decimal ListPrice { get; }
    int ServiceLifeMonths { get; }
}

/// <summary>Validation of product fields: price in currency units with cents, service life in months (required for capital equipment).</summary>
public sealed class ProductFieldsValidator<T> : AbstractValidator<T> where T : IProductFields
{
    public const int MaxServiceLifeMonths = 600;

    public ProductFieldsValidator()
    {
        RuleFor(p => p.Sku).NotEmpty().MaximumLength(64)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("SKU may contain letters, digits, '.', '_' and '-' only.");
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200);
        RuleFor(p => p.Family).NotEmpty().MaximumLength(100);
        RuleFor(p => p.Category).IsInEnum();
        RuleFor(p => p.ListPrice).GreaterThanOrEqualTo(0).WithMessage("List price must be zero or more.")
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("List price may have at most 2 decimals.");
        RuleFor(p => p.ServiceLifeMonths).InclusiveBetween(0, MaxServiceLifeMonths)
            .WithMessage($"Service life must be between 0 and {MaxServiceLifeMonths} months.");
        RuleFor(p => p.ServiceLifeMonths).GreaterThan(0).When(p => p.Category == ProductCategory.Capital)
            .WithMessage("Capital equipment needs a service life of at least one month.");
    }
}

internal static class ProductFieldsExtensions
{
    public static void ApplyTo(this IProductFields fields, Product product)
    {
        product.Sku = fields.Sku.Trim();
        product.Name = fields.Name.Trim();
        product.Family = fields.Family.Trim();
        product.Category = fields.Category;
        product.ListPrice = fields.ListPrice;
        product.ServiceLifeMonths = fields.ServiceLifeMonths;
    }
}
