using MedTechAccounts.Analytics.Clv;
using MedTechAccounts.Analytics.Signals;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Scoring;

/// <summary>One day on which an account bought (repeat-purchase orders only: capital and consumables), with its net value.</summary>
public readonly record struct PurchaseDay(DateOnly Date, double Value);

/// <summary>What scoring one account needs: the signal facts and the lifetime-value inputs.</summary>
public sealed record AccountInputs(
    Guid AccountId,
    string ExternalId,
    Guid? OwnerRepId,
    AccountFacts Facts,
    IReadOnlyList<PurchaseDay> PurchaseDays,
    IReadOnlyList<ServiceContractInput> Contracts,
    IReadOnlyList<DeviceReplacementInput> Replacements);

/// <summary>
/// Reads the facts of a batch of accounts in a fixed number of queries (one per kind of fact, not
/// one per account), bounded to the windows the signals look at. Runs as the system: it reads
/// across territories, so it is only used by the recompute, never by a request.
/// </summary>
public sealed class AccountFactsReader(AppDbContext db)
{
    /// <summary>Longest look-back of any signal: a year of sentiment before the recent window.</summary>
    private static int TouchWindowDays(SignalSettings s) =>
        Math.Max(Math.Max(s.RepDependencyWindowDays, s.SentimentRecentDays + 365), Math.Max(s.PostSaleWindowDays + s.PostSaleTouchDays, s.CoverageWindowDays));

    /// <summary>Only rep dependency and influencer coverage look at whom a touch met.</summary>
    private static int ContactWindowDays(SignalSettings s) => Math.Max(s.RepDependencyWindowDays, s.CoverageWindowDays);

    public Task<List<AccountInputs>> ReadAsync(IReadOnlyCollection<Guid> accountIds, DateTime asOf, SignalSettings settings, CancellationToken ct) =>
        ReadAsync(accountIds, asOf, settings, pointInTime: false, ct);

    /// <summary>
    /// With <paramref name="pointInTime"/> (a backfill of a past day) also the facts the live read takes as they
    /// are now are cut at <paramref name="asOf"/>: devices installed, contracts started and incident responses
    /// and resolutions after it do not exist yet.
    /// </summary>
    public async Task<List<AccountInputs>> ReadAsync(IReadOnlyCollection<Guid> accountIds, DateTime asOf, SignalSettings settings, bool pointInTime, CancellationToken ct)
    {
        var ids = accountIds.ToList();
        var today = DateOnly.FromDateTime(asOf);
        var touchFrom = asOf.AddDays(-TouchWindowDays(settings));

        var accounts = await db.Accounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.ExternalId, a.Segment, a.CreatedAt, a.OwnerRepId })
            .ToListAsync(ct);

        var reps = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? "?", ct);

        var touches = await db.Interactions.IgnoreQueryFilters().AsNoTracking()
            .Where(i => ids.Contains(i.AccountId) && i.OccurredAt >= touchFrom && i.OccurredAt <= asOf)
            // Problems are one per line: counted in SQL rather than shipping the text.
            .Select(i => new TouchRow(i.Id, i.AccountId, i.RepId, i.OccurredAt, i.Type, i.Sentiment,
                i.VoiceOfCustomer == null || i.VoiceOfCustomer == "" ? 0 : i.VoiceOfCustomer.Length - i.VoiceOfCustomer.Replace("\n", "").Length + 1))
            .ToListAsync(ct);
        var touched = touches.Select(t => t.AccountId).ToHashSet();
        var untouched = ids.Where(id => !touched.Contains(id)).ToList();
        // Accounts quiet for the whole window still have a last touch: the recency reason names it.
        var lastTouches = untouched.Count == 0
            ? []
            : await db.Interactions.IgnoreQueryFilters().AsNoTracking()
                .Where(i => untouched.Contains(i.AccountId) && i.OccurredAt <= asOf)
                .GroupBy(i => i.AccountId)
                .Select(g => g.OrderByDescending(i => i.OccurredAt).Select(i => new TouchRow(i.Id, i.AccountId, i.RepId, i.OccurredAt, i.Type, i.Sentiment, 0)).First())
                .ToListAsync(ct);
        // One row per touch with its contacts joined in SQL: a row per contact cost twice the rows and Guids.
        var contactFrom = asOf.AddDays(-ContactWindowDays(settings));
        var contactsMet = (await (
                from c in db.InteractionContacts
                join i in db.Interactions.IgnoreQueryFilters() on c.InteractionId equals i.Id
                where ids.Contains(i.AccountId) && i.OccurredAt >= contactFrom && i.OccurredAt <= asOf
                group c.ContactId by c.InteractionId into g
                select new { InteractionId = g.Key, ContactIds = string.Join(",", g.Select(id => id.ToString())) }).AsNoTracking().ToListAsync(ct))
            .ToDictionary(c => c.InteractionId, c => ContactIds(c.ContactIds));

        var contacts = (await db.Contacts.IgnoreQueryFilters().AsNoTracking()
                .Where(c => ids.Contains(c.AccountId))
                .Select(c => new { c.AccountId, c.Id, c.Name, c.Role, c.Influence })
                .ToListAsync(ct))
            // Enums are converted here: in SQL they are stored as names.
            .ToLookup(c => c.AccountId, c => new ContactFact(c.Id, c.Name, Enum.Parse<ContactRoleFact>(c.Role.ToString()), Enum.Parse<InfluenceFact>(c.Influence.ToString())));

        var devices = (await db.Devices.IgnoreQueryFilters().AsNoTracking()
                .Where(d => ids.Contains(d.AccountId) && d.Status == DeviceStatus.Active && (!pointInTime || d.InstallDate <= today))
                .Select(d => new DeviceRow(d.Id, d.AccountId, d.Product!.Name, d.Product.Family, d.Product.Category, d.Product.ServiceLifeMonths, d.Product.ListPrice,
                    d.SerialNumber, d.InstallDate, d.WarrantyEnd, d.ContractEnd, d.Competitor))
                .ToListAsync(ct))
            .ToLookup(d => d.AccountId);

        var incidentFrom = asOf.AddDays(-settings.ServiceWindowDays);
        var incidents = (await db.Incidents.IgnoreQueryFilters().AsNoTracking()
                .Where(i => ids.Contains(i.AccountId) && i.OpenedAt <= asOf && (i.OpenedAt > incidentFrom || i.ResolvedAt == null || (pointInTime && i.ResolvedAt > asOf)))
                .Select(i => new { i.AccountId, i.Device!.SerialNumber, i.OpenedAt, i.Severity, i.FirstResponseAt, i.ResolvedAt, i.AfterHours })
                .ToListAsync(ct))
            .ToLookup(i => i.AccountId, i => new IncidentFact(i.SerialNumber, i.OpenedAt, Enum.Parse<SeverityFact>(i.Severity.ToString()),
                pointInTime && i.FirstResponseAt > asOf ? null : i.FirstResponseAt, pointInTime && i.ResolvedAt > asOf ? null : i.ResolvedAt, i.AfterHours));

        var orders = (await db.Orders.IgnoreQueryFilters().AsNoTracking()
                .Where(o => ids.Contains(o.AccountId) && o.OrderDate <= today)
                .Select(o => new { o.AccountId, o.OrderDate, o.Type, List = o.Lines.Sum(l => l.ListAmount), Net = o.Lines.Sum(l => l.NetAmount) })
                .ToListAsync(ct))
            .ToLookup(o => o.AccountId, o => new OrderFact(o.OrderDate, o.List, o.Net, o.Type.ToString()));

        var contracts = (await db.ServiceContracts.IgnoreQueryFilters().AsNoTracking()
                .Where(c => ids.Contains(c.AccountId) && (!pointInTime || c.Start <= today))
                .Select(c => new ContractRow(c.Id, c.AccountId, c.Start, c.End, c.AnnualValue, c.RenewedFromId))
                .ToListAsync(ct))
            .ToLookup(c => c.AccountId);

        var surveyFrom = today.AddDays(-settings.SurveyWindowDays);
        var surveys = (await db.SurveyResponses.IgnoreQueryFilters().AsNoTracking()
                .Where(s => ids.Contains(s.AccountId) && s.Date > surveyFrom && s.Date <= today)
                .Select(s => new { s.AccountId, Fact = new SurveyFact(s.Date, s.Nps) })
                .ToListAsync(ct))
            .ToLookup(s => s.AccountId, s => s.Fact);

        var touchesByAccount = touches.Concat(lastTouches).ToLookup(t => t.AccountId);
        return accounts.Select(a =>
        {
            var accountOrders = orders[a.Id].ToList();
            var accountTouches = touchesByAccount[a.Id]
                .Select(t => new TouchFact(t.OccurredAt, reps.GetValueOrDefault(t.RepId, "a former user"), contactsMet.GetValueOrDefault(t.Id, []), t.Sentiment, t.Problems, t.Type.ToString()))
                .ToList();
            var accountDevices = devices[a.Id].ToList();
            var accountContracts = contracts[a.Id].ToList();
            var renewed = accountContracts.Where(c => c.RenewedFromId is not null).Select(c => c.RenewedFromId!.Value).ToHashSet();
            // Seeded and imported accounts are older than their row: the first order or install says when it began.
            var customerSince = accountOrders.Select(o => o.OrderDate)
                .Concat(accountDevices.Select(d => d.InstallDate))
                .Select(day => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
                .Append(a.CreatedAt)
                .Min();

            var facts = new AccountFacts
            {
                AsOf = asOf,
                Segment = a.Segment.ToString(),
                CustomerSince = customerSince,
                Touches = accountTouches,
                Contacts = [.. contacts[a.Id]],
                Devices = [.. accountDevices.Select(d => d.ToFact())],
                Incidents = [.. incidents[a.Id]],
                Orders = accountOrders,
                Contracts = [.. accountContracts.Select(c => new ContractFact(c.Start, c.End, c.AnnualValue, renewed.Contains(c.Id)))],
                Surveys = [.. surveys[a.Id]],
            };
            var purchaseDays = accountOrders
                .Where(o => o.Type != nameof(OrderType.ServiceRenewal))
                .GroupBy(o => o.OrderDate)
                .OrderBy(g => g.Key)
                .Select(g => new PurchaseDay(g.Key, (double)g.Sum(o => o.NetAmount)))
                .ToList();
            return new AccountInputs(a.Id, a.ExternalId, a.OwnerRepId, facts, purchaseDays,
                ContractInputs(accountContracts, renewed, today),
                [.. accountDevices.Where(d => d.Competitor is null && d.EndOfServiceLife is not null)
                    .Select(d => new DeviceReplacementInput(d.SerialNumber, (double)d.ListPrice, d.EndOfServiceLife!.Value))]);
        }).ToList();
    }

    /// <summary>The contacts of a touch in the order of their stored text, as a row per contact came back.</summary>
    private static Guid[] ContactIds(string joined)
    {
        var texts = joined.Split(',');
        Array.Sort(texts, StringComparer.OrdinalIgnoreCase);
        return Array.ConvertAll(texts, Guid.Parse);
    }

    /// <summary>Contracts still running and not yet renewed, with how often their chain was renewed before.</summary>
    private static List<ServiceContractInput> ContractInputs(List<ContractRow> contracts, HashSet<Guid> renewed, DateOnly today)
    {
        var byId = contracts.ToDictionary(c => c.Id);
        int Depth(ContractRow c)
        {
            var depth = 0;
            for (var at = c; at.RenewedFromId is { } from && byId.TryGetValue(from, out var previous) && depth < 100; at = previous)
            {
                depth++;
            }

            return depth;
        }

        return [.. contracts
            .Where(c => !renewed.Contains(c.Id) && c.End >= today)
            .Select(c => new ServiceContractInput(c.Id.ToString(), (double)c.AnnualValue, Depth(c), c.End.AddDays(1)))];
    }

    private sealed record TouchRow(Guid Id, Guid AccountId, Guid RepId, DateTime OccurredAt, InteractionType Type, int Sentiment, int Problems);

    private sealed record ContractRow(Guid Id, Guid AccountId, DateOnly Start, DateOnly End, decimal AnnualValue, Guid? RenewedFromId);

    private sealed record DeviceRow(
        Guid Id, Guid AccountId, string Product, string Family, ProductCategory Category, int ServiceLifeMonths, decimal ListPrice,
        string SerialNumber, DateOnly InstallDate, DateOnly? WarrantyEnd, DateOnly? ContractEnd, string? Competitor)
    {
        public DateOnly? EndOfServiceLife => ServiceLifeMonths > 0 ? InstallDate.AddMonths(ServiceLifeMonths) : null;

        public DeviceFact ToFact() => new(Product, Family, SerialNumber, InstallDate, EndOfServiceLife, WarrantyEnd, ContractEnd, Competitor);
    }
}
