using Mediator;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Orders;
using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Features.Orders;

/// <summary>The lines table of the order form: the entered lines plus empty rows, products fetched once, so a failed POST redisplays from the command alone.</summary>
public sealed class OrderLinesViewComponent(ISender sender) : ViewComponent
{
    /// <summary>Empty rows offered below the entered lines.</summary>
    public const int SpareRows = 3;

    public async Task<IViewComponentResult> InvokeAsync(IReadOnlyList<OrderLineInput> lines)
    {
        var rows = lines.Concat(Enumerable.Repeat(new OrderLineInput(), Math.Max(SpareRows, 5 - lines.Count))).ToList();
        return View(new OrderLinesForm(rows, await sender.Send(new OrderProducts.Query())));
    }
}

public sealed record OrderLinesForm(IReadOnlyList<OrderLineInput> Lines, IReadOnlyList<Option> Products);
