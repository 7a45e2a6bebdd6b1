using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Orders;

/// <summary>
/// One line as entered. Every field is optional so that the empty rows of the order form bind; a row with
/// nothing in it is ignored, any other row must be complete.
/// </summary>
public sealed record OrderLineInput
{
    public Guid? ProductId { get; init; }
    public int? Quantity { get; init; }

    /// <summary>The line's amount at list price (quantity included).</summary>
    public decimal? ListAmount { get; init; }

    /// <summary>What the customer pays for the line; the discount is list minus net.</summary>
    public decimal? NetAmount { get; init; }

    public bool IsBlank => (ProductId is null || ProductId == Guid.Empty) && Quantity is null or 0 && ListAmount is null && NetAmount is null;
}

/// <summary>The fields an order form edits, shared by <see cref="CreateOrder"/> and <see cref="EditOrder"/>.</summary>
public interface IOrderFields
{
    DateOnly OrderDate { get; }
    OrderType Type { get; }
    IReadOnlyList<OrderLineInput> Lines { get; }
}

/// <summary>
/// Order rules: a date from 1990 up to a month ahead, at least one line, and on every line a product from the
/// catalog, a quantity above zero and amounts of zero or more with the net not above the list amount.
/// </summary>
public sealed class OrderFieldsValidator<T> : AbstractValidator<T> where T : IOrderFields
{
    public static readonly DateOnly EarliestOrderDate = new(1990, 1, 1);

    /// <summary>How far ahead an order may be dated (a booked order with a near delivery date).</summary>
    public const int MaxDaysAhead = 31;

    public const int MaxLines = 100;

    public OrderFieldsValidator(AppDbContext db, TimeProvider clock)
    {
        RuleFor(o => o.OrderDate).NotEmpty()
            .GreaterThanOrEqualTo(EarliestOrderDate).WithMessage("Order date must be in 1990 or later.")
            .Must(date => date <= Today(clock).AddDays(MaxDaysAhead)).WithMessage($"Order date cannot be more than {MaxDaysAhead} days ahead.");
        RuleFor(o => o.Type).IsInEnum();
        RuleFor(o => o.Lines).NotNull()
            .Must(lines => lines.Any(l => l is not null && !l.IsBlank)).WithMessage("An order needs at least one line.")
            .Must(lines => lines.Count(l => l is not null && !l.IsBlank) <= MaxLines).WithMessage($"An order has at most {MaxLines} lines.");
        RuleForEach(o => o.Lines).Where(l => l is not null && !l.IsBlank).ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).NotEmpty().WithMessage("Choose a product.")
                .MustAsync(async (id, ct) => id is null || await db.Products.AnyAsync(p => p.Id == id, ct))
                .WithMessage("Product must be one from the catalog.");
            line.RuleFor(l => l.Quantity).NotNull().WithMessage("Enter a quantity.")
                .GreaterThan(0).WithMessage("Quantity must be greater than zero.")
                .LessThanOrEqualTo(1_000_000);
            line.RuleFor(l => l.ListAmount).NotNull().WithMessage("Enter the list amount.")
                .GreaterThanOrEqualTo(0).WithMessage("List amount cannot be negative.")
                .LessThan(1_000_000_000_000m);
            line.RuleFor(l => l.NetAmount).NotNull().WithMessage("Enter the net amount.")
                .GreaterThanOrEqualTo(0).WithMessage("Net amount cannot be negative.")
                .Must((l, net) => net is null || l.ListAmount is null || net <= l.ListAmount)
                .WithMessage("Net amount cannot be above the list amount.");
        }).When(o => o.Lines is not null);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>Discount arithmetic shared by the lists and details (the line's own <see cref="OrderLine.DiscountRate"/> for one line).</summary>
public static class OrderMath
{
    /// <summary>(list − net) / list as a percentage rounded to 0.1; 0 when the list amount is 0.</summary>
    public static decimal DiscountPercent(decimal list, decimal net) => list == 0 ? 0 : Math.Round((list - net) * 100m / list, 1);
}

internal static class OrderFieldsExtensions
{
    /// <summary>
    /// Writes the form onto the order. Lines are renumbered 1..n in the order entered; a line keeps its row
    /// (and its audit history) when its number stays, extra old lines are removed.
    /// </summary>
    public static void ApplyTo(this IOrderFields fields, Order order, AppDbContext db)
    {
        order.OrderDate = fields.OrderDate;
        order.Type = fields.Type;
        var entered = fields.Lines.Where(l => l is not null && !l.IsBlank).ToList();
        var existing = order.Lines.ToDictionary(l => l.LineNo);
        for (var i = 0; i < entered.Count; i++)
        {
            var input = entered[i];
            var lineNo = i + 1;
            if (!existing.Remove(lineNo, out var line))
            {
                line = new OrderLine { Id = Guid.NewGuid(), OrderId = order.Id, LineNo = lineNo };
                order.Lines.Add(line);
            }

            line.ProductId = input.ProductId!.Value;
            line.Quantity = input.Quantity!.Value;
            line.ListAmount = input.ListAmount!.Value;
            line.NetAmount = input.NetAmount!.Value;
        }

        foreach (var removed in existing.Values)
        {
            order.Lines.Remove(removed);
            db.OrderLines.Remove(removed);
        }
    }
}
