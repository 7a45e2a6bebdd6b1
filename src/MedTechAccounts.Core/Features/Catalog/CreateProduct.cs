using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Catalog;

/// <summary>Adds a product to the catalog (administrators).</summary>
public static class CreateProduct
{
    public sealed record Command : ICommand<Guid>, IProductFields
    {
        /// <summary>Optional client-generated id; a new one is made when empty.</summary>
        public Guid? Id { get; init; }
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string Family { get; init; } = "";
        public ProductCategory Category { get; init; } = ProductCategory.Capital;
        public decimal ListPrice { get; init; }
        public int ServiceLifeMonths { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            Include(new ProductFieldsValidator<Command>());
            RuleFor(c => c.Sku)
                .MustAsync(async (sku, ct) => !await db.Products.AnyAsync(p => p.Sku == sku.Trim(), ct))
                .WithMessage("SKU is already used by another product.");
            RuleFor(c => c.Id)
                .MustAsync(async (id, ct) => id is null || !await db.Products.AnyAsync(p => p.Id == id, ct))
                .WithMessage("A product with this id already exists.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var product = new Product { Id = command.Id is { } id && id != Guid.Empty ? id : Guid.NewGuid() };
            command.ApplyTo(product);
            db.Products.Add(product);
            return ValueTask.FromResult(product.Id);
        }
    }
}
