using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Data;

/// <summary>
/// A number that moves whenever anything a page shows is written, on any node: the newest audit entry's id. Every
/// change of a domain record writes an audit entry in its own transaction (the audit interceptor, the recompute's
/// summary row, the seed's bulk rows), so a copy of a page made under one stamp is current while the stamp holds.
/// </summary>
public static class ChangeStamp
{
    /// <summary>Reads the stamp (an index seek on the audit log's key, both providers).</summary>
    // Not a compiled query: one of those is bound to the first provider's model, and the tests run two in one process.
    public static async Task<long> ReadAsync(AppDbContext db, CancellationToken ct) =>
        await db.AuditEntries.MaxAsync(a => (long?)a.Id, ct) ?? 0;
}
