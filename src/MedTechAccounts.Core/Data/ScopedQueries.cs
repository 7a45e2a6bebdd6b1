using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Data;

/// <summary>Query shapes that keep a scoped read in proportion to the caller's accounts.</summary>
public static class ScopedQueries
{
    /// <summary>
    /// Rows of the caller's accounts, found from those accounts. The scope filter alone is checked row by row, so a
    /// read without an account condition (a rep's open incidents, the latest scores of a territory) would visit every
    /// row of a portfolio-sized table; with the accounts as an IN list the database seeks the AccountId index instead.
    /// Someone who sees everything needs no list.
    /// </summary>
    public static IQueryable<T> OfVisibleAccounts<T>(this IQueryable<T> rows, AppDbContext db) where T : class, IAccountOwned =>
        db.Scope.Unrestricted ? rows : rows.Where(r => db.Accounts.Select(a => a.Id).Contains(r.AccountId));
}
