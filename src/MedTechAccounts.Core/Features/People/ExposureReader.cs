using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// Reads who holds which relationship, within the caller's scope, in a few grouped queries (the database counts, the
/// app only divides): interactions per account and person in the rep-dependency window, and the people who met each
/// contact in the influence map's window. <see cref="Exposure"/> turns the counts into shares, sole contacts and the
/// CLV at stake (docs/scoring.md, "Departure exposure").
/// </summary>
internal sealed class ExposureReader(AppDbContext db, TimeProvider clock, SignalSettings settings)
{
    /// <summary>Interactions per account and person in the window.</summary>
    internal sealed record Touches(Guid AccountId, Guid PersonId, int Count);

    /// <summary>One person's meetings with one contact in the window.</summary>
    internal sealed record Meeting(Guid AccountId, Guid ContactId, Guid PersonId, int Count, DateTime LastMet);

    internal sealed record AccountInfo(Guid Id, string Name, string Territory, Guid TerritoryId, string Region, Guid? OwnerRepId, decimal? Clv, double? DependencyScore);

    internal sealed record Snapshot(DateTime Now, DateTime Since, DateTime ContactsSince, double Threshold,
        IReadOnlyList<Touches> Touches, IReadOnlyList<Meeting> Meetings, IReadOnlyDictionary<Guid, AccountInfo> Accounts)
    {
        public Exposure Exposure => new(this);
    }

    /// <summary>
    /// The counts for the accounts <paramref name="personId"/> met in the windows (every account in scope when null).
    /// </summary>
    public async Task<Snapshot> ReadAsync(Guid? personId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-settings.RepDependencyWindowDays);
        var contactsSince = now.AddDays(-RelationshipRules.MetWindowDays);
        var earliest = since < contactsSince ? since : contactsSince;

        var touched = personId is { } person
            ? db.Interactions.AsNoTracking().Where(i => i.RepId == person && i.OccurredAt >= earliest && i.OccurredAt <= now).Select(i => i.AccountId).Distinct()
            : null;

        // The rep-dependency signal's window: after its start, up to now; a scoped caller's read starts from their accounts.
        var visible = db.Interactions.AsNoTracking().OfVisibleAccounts(db);
        var interactions = visible.Where(i => i.OccurredAt > since && i.OccurredAt <= now);
        if (touched is not null)
        {
            interactions = interactions.Where(i => touched.Contains(i.AccountId));
        }

        var touches = await interactions
            .GroupBy(i => new { i.AccountId, i.RepId })
            .Select(g => new Touches(g.Key.AccountId, g.Key.RepId, g.Count()))
            .ToListAsync(ct);

        // The influence map's window: from its start, up to now. (IgnoreQueryFilters would lift the scope of the whole
        // query, the interactions' too.)
        var met = from present in db.InteractionContacts.AsNoTracking()
                  join i in visible on present.InteractionId equals i.Id
                  where i.OccurredAt >= contactsSince && i.OccurredAt <= now
                  select new { i.AccountId, present.ContactId, i.RepId, i.OccurredAt };
        if (touched is not null)
        {
            met = met.Where(m => touched.Contains(m.AccountId));
        }

        var meetings = await met
            .GroupBy(m => new { m.AccountId, m.ContactId, m.RepId })
            .Select(g => new Meeting(g.Key.AccountId, g.Key.ContactId, g.Key.RepId, g.Count(), g.Max(m => m.OccurredAt)))
            .ToListAsync(ct);

        var accounts = db.Accounts.AsNoTracking();
        if (touched is not null)
        {
            accounts = accounts.Where(a => touched.Contains(a.Id));
        }

        var latest = db.AccountScores.AsNoTracking()
            .Where(s => s.AsOf == db.AccountScores.Where(t => t.AccountId == s.AccountId).Max(t => t.AsOf));
        var info = await (
                from a in accounts
                join s in latest on a.Id equals s.AccountId into scores
                from s in scores.DefaultIfEmpty()
                select new AccountInfo(a.Id, a.Name, a.Territory!.Name, a.TerritoryId, a.Territory.Region, a.OwnerRepId,
                    s == null ? null : s.Clv, s == null ? null : s.RepDependency))
            .ToListAsync(ct);

        return new Snapshot(now, since, contactsSince, settings.RepDependencyTolerated, touches, meetings, info.ToDictionary(a => a.Id));
    }
}

/// <summary>
/// The exposure arithmetic on a <see cref="ExposureReader.Snapshot"/>. For a person p and an account a:
/// share s = p's interactions ÷ the account's interactions (rep-dependency window); contact share c = contacts only p
/// met ÷ contacts anyone met (last year); held h = (s + c) ÷ 2; a is exposed when s is above the rep-dependency
/// threshold, and then its CLV at stake is CLV × h.
/// </summary>
internal sealed class Exposure
{
    private readonly ExposureReader.Snapshot _snapshot;
    private readonly ILookup<Guid, ExposureReader.Touches> _touchesByAccount;
    private readonly Dictionary<Guid, Guid> _soleMeeter;
    private readonly Dictionary<Guid, int> _contactsMet;
    private readonly ILookup<Guid, ExposureReader.Meeting> _soleMeetings;

    public Exposure(ExposureReader.Snapshot snapshot)
    {
        _snapshot = snapshot;
        _touchesByAccount = snapshot.Touches.ToLookup(t => t.AccountId);
        _soleMeeter = snapshot.Meetings.GroupBy(m => m.ContactId)
            .Where(g => g.Select(m => m.PersonId).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().PersonId);
        _contactsMet = snapshot.Meetings.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.Select(m => m.ContactId).Distinct().Count());
        _soleMeetings = snapshot.Meetings.Where(m => _soleMeeter.ContainsKey(m.ContactId) && snapshot.Accounts.ContainsKey(m.AccountId)).ToLookup(m => m.PersonId);
        Rows = Compute();
    }

    /// <summary>One person's hold on one account.</summary>
    public sealed record Hold(Guid AccountId, Guid PersonId, int Interactions, int AccountInteractions, int SoleContacts, int ContactsMet,
        double Share, double ContactShare, double Held, bool Exposed, decimal ClvAtStake);

    public IReadOnlyList<Hold> Rows { get; }

    /// <summary>The contacts only <paramref name="personId"/> met in the window, with their meetings.</summary>
    public IEnumerable<ExposureReader.Meeting> SoleContactsOf(Guid personId) => _soleMeetings[personId];

    /// <summary>The people who met <paramref name="accountId"/> in the window other than <paramref name="personId"/>, most interactions first.</summary>
    public IEnumerable<ExposureReader.Touches> OthersAt(Guid accountId, Guid personId) =>
        _touchesByAccount[accountId].Where(t => t.PersonId != personId).OrderByDescending(t => t.Count);

    private List<Hold> Compute()
    {
        var soleCounts = _soleMeetings.SelectMany(g => g)
            .GroupBy(m => (m.AccountId, m.PersonId))
            .ToDictionary(g => g.Key, g => g.Count());
        var keys = _snapshot.Touches.Select(t => (t.AccountId, t.PersonId)).Union(soleCounts.Keys).Distinct();
        var rows = new List<Hold>();
        foreach (var (accountId, personId) in keys)
        {
            if (!_snapshot.Accounts.TryGetValue(accountId, out var account))
            {
                continue;
            }

            var total = _touchesByAccount[accountId].Sum(t => t.Count);
            var mine = _touchesByAccount[accountId].Where(t => t.PersonId == personId).Sum(t => t.Count);
            var sole = soleCounts.GetValueOrDefault((accountId, personId));
            var metCount = _contactsMet.GetValueOrDefault(accountId);
            var share = total == 0 ? 0 : (double)mine / total;
            var contactShare = metCount == 0 ? 0 : (double)sole / metCount;
            var held = (share + contactShare) / 2;
            var exposed = share > _snapshot.Threshold;
            var atStake = exposed ? Math.Round((account.Clv ?? 0m) * (decimal)held, 2) : 0m;
            rows.Add(new Hold(accountId, personId, mine, total, sole, metCount, Math.Round(share, 4), Math.Round(contactShare, 4), Math.Round(held, 4), exposed, atStake));
        }

        return rows;
    }
}
