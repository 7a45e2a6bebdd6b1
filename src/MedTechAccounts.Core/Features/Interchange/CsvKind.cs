using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>What applying one record of a file did.</summary>
public enum ImportOutcome
{
    [Display(Name = "Created")] Created,
    [Display(Name = "Updated")] Updated,
    [Display(Name = "Unchanged")] Unchanged,
}

/// <summary>
/// One kind of design section 8: its columns (key first), how a file of it is checked and turned into changes,
/// and how the stored records are written out in a stable order.
/// </summary>
internal abstract class CsvKind
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<string> Columns { get; }

    public virtual bool CanImport => true;

    /// <summary>
    /// Parses and checks every line, recording every problem on <see cref="ImportSession.Errors"/>, and returns the
    /// changes to apply, one per record. Nothing is changed here: the changes run only when no line had a problem.
    /// </summary>
    public abstract Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct);

    /// <summary>Every stored record as cells in <see cref="Columns"/> order, sorted by the key.</summary>
    public abstract Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct);
}

/// <summary>The kinds, in the order a whole portfolio is imported (referenced kinds first).</summary>
internal static class CsvKinds
{
    public static IReadOnlyList<CsvKind> All { get; } =
    [
        new TerritoriesCsv(), new UsersCsv(), new ProductsCsv(), new AccountsCsv(), new ContactsCsv(), new DevicesCsv(),
        new IncidentsCsv(), new InteractionsCsv(), new OrdersCsv(), new ContractsCsv(), new SurveysCsv(), new TargetsCsv(), new ScoresCsv(),
    ];

    public static CsvKind? Find(string? name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The state of one import: the context, the actor, the clock, the confirmation, the problems found, and shared lookups.</summary>
internal sealed class ImportSession(AppDbContext db, ICurrentUser user, TimeProvider clock, List<CsvError> errors, bool confirmedNoPatientInformation)
{
    private const int Chunk = 1000;

    public AppDbContext Db { get; } = db;
    public ICurrentUser User { get; } = user;
    public List<CsvError> Errors { get; } = errors;

    /// <summary>
    /// A problem was found, so the file will change nothing: the records it would have updated need not be read
    /// (for a large file, that is most of the work).
    /// </summary>
    public bool Refused => Errors.Count > 0;
    public DateOnly Today { get; } = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The administrator confirmed the file's notes hold no patient information (<see cref="ImportCsv.Command"/>).</summary>
    public bool ConfirmedNoPatientInformation { get; } = confirmedNoPatientInformation;

    /// <summary>
    /// Records the first line of each key; a later line with the same key gets "duplicate key". Returns false for
    /// a duplicate.
    /// </summary>
    public static bool FirstOccurrence<TKey>(Dictionary<TKey, int> seen, TKey key, CsvLine line, string column) where TKey : notnull
    {
        if (seen.TryGetValue(key, out var first))
        {
            line.Error(column, $"duplicate key, first on line {first}");
            return false;
        }

        seen[key] = line.Number;
        return true;
    }

    /// <summary>Created, or Updated when EF sees a changed property (or <paramref name="linksChanged"/>), else Unchanged.</summary>
    public ImportOutcome Outcome(object entity, bool created, bool linksChanged = false)
    {
        if (created)
        {
            return ImportOutcome.Created;
        }

        var entry = Db.Entry(entity);
        if (linksChanged && entry.State == EntityState.Unchanged && entity is Domain.Entity)
        {
            // Only its lines or links changed: the record still counts as changed, so it gets a new version,
            // an audit row and (for an account's facts) the stale mark.
            entry.Property(nameof(Domain.Entity.UpdatedAt)).IsModified = true;
        }

        return entry.State == EntityState.Modified || linksChanged ? ImportOutcome.Updated : ImportOutcome.Unchanged;
    }

    private Dictionary<string, AccountRef>? _accounts;

    /// <summary>Every account by external id (ordinal).</summary>
    public async Task<Dictionary<string, AccountRef>> AccountsAsync(CancellationToken ct) =>
        _accounts ??= await Db.Accounts.AsNoTracking()
            .Select(a => new AccountRef(a.Id, a.ExternalId, a.TerritoryId, a.TimeZone, a.ParentAccountId))
            .ToDictionaryAsync(a => a.ExternalId, StringComparer.Ordinal, ct);

    private Dictionary<string, UserRef>? _users;

    /// <summary>Every user by e-mail (case-insensitive).</summary>
    public async Task<Dictionary<string, UserRef>> UsersAsync(CancellationToken ct) =>
        _users ??= (await Db.Users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new UserRef(u.Id, u.Email!, u.IsActive)).ToListAsync(ct))
            .DistinctBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);

    private Dictionary<string, ProductRef>? _products;

    /// <summary>Every product by SKU (case-insensitive).</summary>
    public async Task<Dictionary<string, ProductRef>> ProductsAsync(CancellationToken ct) =>
        _products ??= await Db.Products.AsNoTracking()
            .Select(p => new ProductRef(p.Id, p.Sku, p.Category, p.Family))
            .ToDictionaryAsync(p => p.Sku, StringComparer.OrdinalIgnoreCase, ct);

    /// <summary>
    /// The records of <paramref name="source"/> whose <paramref name="key"/> is one of <paramref name="keys"/>,
    /// queried in chunks so a large file does not make one huge statement (and no query per line).
    /// </summary>
    public static async Task<List<T>> WhereInAsync<T, TKey>(IQueryable<T> source, Expression<Func<T, TKey>> key, IEnumerable<TKey> keys, CancellationToken ct)
    {
        var result = new List<T>();
        foreach (var chunk in keys.Distinct().Chunk(Chunk))
        {
            var holder = new KeyList<TKey>(chunk);
            var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)],
                Expression.Property(Expression.Constant(holder), nameof(KeyList<TKey>.Items)), key.Body);
            result.AddRange(await source.Where(Expression.Lambda<Func<T, bool>>(contains, key.Parameters)).ToListAsync(ct));
        }

        return result;
    }

    private sealed class KeyList<TKey>(TKey[] items)
    {
        public TKey[] Items { get; } = items;
    }
}

internal sealed record AccountRef(Guid Id, string ExternalId, Guid TerritoryId, string TimeZone, Guid? ParentId);

internal sealed record UserRef(Guid Id, string Email, bool IsActive);

internal sealed record ProductRef(Guid Id, string Sku, Domain.ProductCategory Category, string Family);
