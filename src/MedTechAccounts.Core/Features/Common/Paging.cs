namespace MedTechAccounts.Core.Features.Common;

/// <summary>One page of a list, with the total so the UI and API can page.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;
}
