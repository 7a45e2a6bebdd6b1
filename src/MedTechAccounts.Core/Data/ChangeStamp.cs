using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// A number that moves whenever anything a page shows is written, on any node: the newest audit entry's id. Every
/// change of a domain record writes an audit entry in its own transaction (the audit interceptor, the recompute's
/// summary row, the seed's bulk rows), so a copy of a page made under one stamp is current while the stamp holds.
/// </summary>
public static class ChangeStamp
{
    private static readonly Func<AppDbContext, CancellationToken, Task<long?>> Newest =
        EF.CompileAsyncQuery((AppDbContext db, CancellationToken ct) => db.AuditEntries.Max(a => (long?)a.Id));

    /// <summary>Reads the stamp (an index seek on the audit log's key, both providers).</summary>
    public static async Task<long> ReadAsync(AppDbContext db, CancellationToken ct) => await Newest(db, ct) ?? 0;
}
