namespace MedTechAccounts.Web.Infrastructure;

/// <summary>Model of the shared pager partial.</summary>
public sealed record PagerModel(int Page, int PageSize, int TotalCount, Func<int, string> PageUrl)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
}
