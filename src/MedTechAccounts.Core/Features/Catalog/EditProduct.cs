using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Catalog;

/// <summary>Changes a catalog product (administrators), refusing a save against a newer version.</summary>
public static class EditProduct
{
    /// <summary>Loads the edit form (and the API's GET): the current values and the version the editor starts from.</summary>
    public sealed record Query(Guid Id) : IQuery<Command>;

    public sealed record Command : ICommand<Guid>, IProductFields
    {
        public Guid Id { get; init; }

        /// <summary>The version the editor saw; a save against a newer version is refused.</summary>
        public Guid Version { get; init; }
        public string Sku { get; init; } = "";
        public string Name { get; init; } = "";
        public string Family { get; init; } = "";
        public ProductCategory Category { get; init; }
        public decimal ListPrice { get; init; }
        public int ServiceLifeMonths { get; init; }
    }

    public sealed class Projection : Profile
    {
        public Projection() => CreateProjection<Product, Command>();
    }

    public sealed class QueryHandler(AppDbContext db, IConfigurationProvider mapping) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Products.AsNoTracking().Where(p => p.Id == query.Id).ProjectTo<Command>(mapping).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Product", query.Id);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(AppDbContext db)
        {
            RuleFor(c => c.Id).MustExistIn(db.Products, "Product");
            Include(new ProductFieldsValidator<Command>());
            RuleFor(c => c.Version).NotEmpty();
            RuleFor(c => c.Sku)
                .MustAsync(async (command, sku, ct) => !await db.Products.AnyAsync(p => p.Sku == sku.Trim() && p.Id != command.Id, ct))
                .WithMessage("SKU is already used by another product.");
        }
    }

    public sealed class Handler(AppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("Product", command.Id);
            db.Entry(product).Property(p => p.Version).OriginalValue = command.Version;
            command.ApplyTo(product);
            return product.Id;
        }
    }
}
