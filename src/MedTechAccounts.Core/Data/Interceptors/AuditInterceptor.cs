using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedTechAccounts.Core.Data.Interceptors;

/// <summary>
/// The one place where saving gets its rules: timestamps, a fresh concurrency token on every
/// update, a stale mark for accounts whose facts changed, and one <see cref="AuditEntry"/> per
/// changed field, all written by the same SaveChanges and so in the same transaction.
/// </summary>
public sealed class AuditInterceptor(ICurrentUser currentUser, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> RedactedFields =
        [nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp)];

    // Accounts whose marks this save writes after its facts (see DeferMarks); the interceptor is scoped with its context.
    private readonly HashSet<Guid> deferredMarks = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            var staleAccounts = Prepare(db);
            if (!DeferMarks(db, staleAccounts))
            {
                var existing = db.StaleAccounts.Where(s => staleAccounts.Contains(s.AccountId)).ToList();
                MarkStale(db, staleAccounts, existing);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is AppDbContext db && TakeDeferredMarks() is { Count: > 0 } marks)
        {
            StaleMarks.Mark(db, marks, clock.GetUtcNow().UtcDateTime);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            var staleAccounts = Prepare(db);
            if (!DeferMarks(db, staleAccounts))
            {
                var existing = staleAccounts.Count == 0
                    ? []
                    : await db.StaleAccounts.Where(s => staleAccounts.Contains(s.AccountId)).ToListAsync(cancellationToken);
                MarkStale(db, staleAccounts, existing);
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && TakeDeferredMarks() is { Count: > 0 } marks)
        {
            await StaleMarks.MarkAsync(db, marks, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => TakeDeferredMarks();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeDeferredMarks();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Inside an explicit transaction (every command's unit of work) the marks are written after the facts by
    /// one upsert (<see cref="StaleMarks"/>), still before the commit: read-then-insert let two concurrent
    /// writers to one account both insert its mark, and after the facts a new account exists for its mark to
    /// point at. Without a transaction (seeding, tools) they are tracked rows of this save, as atomic as it is.
    /// </summary>
    private bool DeferMarks(AppDbContext db, HashSet<Guid> staleAccounts)
    {
        if (db.Database.CurrentTransaction is null)
        {
            return false;
        }

        deferredMarks.UnionWith(staleAccounts);
        return true;
    }

    private List<Guid> TakeDeferredMarks()
    {
        var marks = deferredMarks.ToList();
        deferredMarks.Clear();
        return marks;
    }

    private HashSet<Guid> Prepare(AppDbContext db)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        var staleAccounts = new HashSet<Guid>();
        var audit = new List<AuditEntry>();
        var summary = new Dictionary<(string Entity, AuditAction Action), int>();

        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is AuditEntry)
            {
                if (entry.State != EntityState.Added)
                {
                    throw new InvalidOperationException("Audit entries cannot be changed or deleted.");
                }

                continue;
            }

            if (entry.Entity is TrainingSignOff && entry.State != EntityState.Added)
            {
                // A regulated record: the signature and its link to the training stay as signed.
                throw new InvalidOperationException("Training sign-offs cannot be changed or deleted.");
            }

            Stamp(entry, now);
            KeepStoredPrecision(entry);
            if (IsAccountFact(entry.Entity) && AccountOf(entry) is { } accountId)
            {
                staleAccounts.Add(accountId);
            }

            if (!IsAudited(entry.Entity))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            };

            if (db.SuppressFieldAudit)
            {
                var key = (entry.Metadata.ClrType.Name, action);
                summary[key] = summary.GetValueOrDefault(key) + 1;
                continue;
            }

            audit.AddRange(FieldChanges(entry, action, now, db.RedactedFields));
        }

        foreach (var ((entity, action), count) in summary)
        {
            audit.Add(AuditEntry.BulkSummary(currentUser.UserId, currentUser.Name, now, entity, action, count));
        }

        db.AuditEntries.AddRange(audit);
        return staleAccounts;
    }

    private IEnumerable<AuditEntry> FieldChanges(EntityEntry entry, AuditAction action, DateTime now, HashSet<(string, string, string)> redacting)
    {
        var entityName = entry.Metadata.ClrType.Name;
        var id = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var oldValue = action == AuditAction.Insert ? null
                : redacting.Contains((entityName, id, name)) && property.OriginalValue is not null ? AuditEntry.RedactionMarker
                : Format(property.OriginalValue);
            var newValue = action == AuditAction.Delete ? null : Format(property.CurrentValue);
            if (action == AuditAction.Update && (!property.IsModified || oldValue == newValue))
            {
                continue;
            }

            if (action == AuditAction.Insert && newValue is null)
            {
                continue;
            }

            if (RedactedFields.Contains(name))
            {
                (oldValue, newValue) = (oldValue is null ? null : "(redacted)", newValue is null ? null : "(redacted)");
            }

            yield return NewEntry(now, entityName, id, action, name, oldValue, newValue);
        }
    }

    private AuditEntry NewEntry(DateTime now, string entity, string id, AuditAction action, string field, string? oldValue, string? newValue) => new()
    {
        UserId = currentUser.UserId,
        UserName = currentUser.Name,
        At = now,
        Entity = entity,
        EntityId = id,
        Action = action,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
    };

    /// <summary>
    /// Through the entry, not the entity: change detection ran before this, so only a value set through the entry is
    /// marked modified, saved and audited in this pass.
    /// </summary>
    private static void Stamp(EntityEntry entry, DateTime now)
    {
        if (entry.Entity is Entity)
        {
            if (entry.State == EntityState.Added)
            {
                entry.Property(nameof(Entity.CreatedAt)).CurrentValue = now;
                entry.Property(nameof(Entity.UpdatedAt)).CurrentValue = now;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(nameof(Entity.UpdatedAt)).CurrentValue = now;
            }
        }

        // The original value (what the editor saw) stays for the WHERE clause; the new one marks this save.
        if (entry.Entity is EditableEntity && entry.State == EntityState.Modified)
        {
            entry.Property(nameof(EditableEntity.Version)).CurrentValue = Guid.NewGuid();
        }
    }

    /// <summary>
    /// Times to whole microseconds, which every provider stores (PostgreSQL keeps no finer), so the audit records the
    /// value the database holds.
    /// </summary>
    private static void KeepStoredPrecision(EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (entry.State == EntityState.Modified && !property.IsModified)
            {
                continue;
            }

            switch (property.CurrentValue)
            {
                case DateTime d when d.Ticks % TimeSpan.TicksPerMicrosecond != 0:
                    property.CurrentValue = d.AddTicks(-(d.Ticks % TimeSpan.TicksPerMicrosecond));
                    break;
                case DateTimeOffset d when d.Ticks % TimeSpan.TicksPerMicrosecond != 0:
                    property.CurrentValue = d.AddTicks(-(d.Ticks % TimeSpan.TicksPerMicrosecond));
                    break;
            }
        }
    }

    /// <summary>Domain records and user/role assignments; not tokens, keys or the audit log itself.</summary>
    private static bool IsAudited(object entity) =>
        entity.GetType().Namespace == typeof(Account).Namespace || entity is IdentityUserRole<Guid>;

    private static bool IsAccountFact(object entity) => entity is InstalledDevice or ServiceIncident or Interaction
        or Order or OrderLine or ServiceContract or SurveyResponse or Contact;

    /// <summary>The account of a fact; an order line's is its order's (tracked with it, so the navigation is fixed up).</summary>
    private static Guid? AccountOf(EntityEntry entry) => entry.Entity switch
    {
        IAccountOwned owned when owned.AccountId != Guid.Empty => owned.AccountId,
        OrderLine { Order.AccountId: var accountId } when accountId != Guid.Empty => accountId,
        _ => null,
    };

    private void MarkStale(AppDbContext db, HashSet<Guid> accountIds, List<StaleAccount> existing)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var mark in existing)
        {
            // A newer time tells a running recompute that this account changed under it.
            mark.MarkedAt = now;
        }

        foreach (var id in accountIds.Except(existing.Select(s => s.AccountId)))
        {
            if (db.StaleAccounts.Local.All(s => s.AccountId != id))
            {
                db.StaleAccounts.Add(new StaleAccount { AccountId = id, MarkedAt = now });
            }
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // An image in the audit log would be noise; its size and hash identify it.
        byte[] bytes => $"({bytes.Length} bytes, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))})",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
