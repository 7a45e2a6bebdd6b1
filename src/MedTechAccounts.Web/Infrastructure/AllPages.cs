using MedTechAccounts.Core.Features.Common;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Every row of a paged list, for its CSV export: the list's own query (same filters, same order) read page by page at
/// the largest page size, so an export never stops at the page on screen.
/// </summary>
public static class AllPages
{
    public static async Task<List<TRow>> ReadAsync<TRow>(Func<int, ValueTask<(IReadOnlyList<TRow> Items, int TotalCount)>> page)
    {
        var rows = new List<TRow>();
        for (var number = 1; ; number++)
        {
            var (items, total) = await page(number);
            rows.AddRange(items);
            if (items.Count == 0 || rows.Count >= total)
            {
                return rows;
            }
        }
    }

    public static Task<List<TRow>> ReadAsync<TRow>(Func<int, ValueTask<PagedResult<TRow>>> page) =>
        ReadAsync(async number => { var r = await page(number); return (r.Items, r.TotalCount); });

    public const int PageSize = Paging.MaxPageSize;
}
