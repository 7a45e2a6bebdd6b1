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

    public async Task<List<AccountInputs>> ReadAsync(IReadOnlyCollection<Guid> accountIds, DateTime asOf, SignalSettings settings, CancellationToken ct) =>
        Assemble(await LoadAsync(accountIds, asOf, asOf, settings, pointInTime: false, ct), asOf, settings);

    /// <summary>
    /// The facts of a batch as they were at the end of each of <paramref name="days"/> (a backfill of past days), read in
    /// one set of queries over the span of the days and cut per day in memory. Besides the windows of the live read,
    /// devices installed, contracts started, surveys answered and incident responses and resolutions after a day do
    /// not exist on that day.
    /// </summary>
    public async Task<IReadOnlyList<List<AccountInputs>>> ReadAsOfAsync(IReadOnlyCollection<Guid> accountIds, IReadOnlyList<DateTime> days, SignalSettings settings, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var rows = await LoadAsync(accountIds, days.Min(), days.Max(), settings, pointInTime: true, ct);
        return [.. days.Select(asOf => Assemble(rows, asOf, settings))];
    }

    /// <summary>Every row any day from <paramref name="from"/> to <paramref name="to"/> needs; <see cref="Assemble"/> cuts it to one day.</summary>
    private async Task<Rows> LoadAsync(IReadOnlyCollection<Guid> accountIds, DateTime from, DateTime to, SignalSettings settings, bool pointInTime, CancellationToken ct)
    {
        var ids = accountIds.ToList();
        var lastDay = DateOnly.FromDateTime(to);
        var touchFrom = from.AddDays(-TouchWindowDays(settings));

        var accounts = await db.Accounts.IgnoreQueryFilters().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new AccountRow(a.Id, a.ExternalId, a.Segment, a.CreatedAt, a.OwnerRepId))
            .ToListAsync(ct);

        var reps = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? "?", ct);

        var touches = await db.Interactions.IgnoreQueryFilters().AsNoTracking()
            .Where(i => ids.Contains(i.AccountId) && i.OccurredAt >= touchFrom && i.OccurredAt <= to)
            // Problems are one per line: counted in SQL rather than shipping the text.
            .Select(i => new TouchRow(i.Id, i.AccountId, i.RepId, i.OccurredAt, i.Type, i.Sentiment,
                i.VoiceOfCustomer == null || i.VoiceOfCustomer == "" ? 0 : i.VoiceOfCustomer.Length - i.VoiceOfCustomer.Replace("\n", "").Length + 1))
            .ToListAsync(ct);
        // Accounts quiet for the whole window still have a last touch: the recency reason names it. Only an account
        // without a touch in the first day's window can need one from before the rows read.
        var touched = touches.Where(t => t.OccurredAt <= from).Select(t => t.AccountId).ToHashSet();
        var untouched = ids.Where(id => !touched.Contains(id)).ToList();
        var earlierTouches = untouched.Count == 0
            ? []
            : await db.Interactions.IgnoreQueryFilters().AsNoTracking()
                .Where(i => untouched.Contains(i.AccountId) && i.OccurredAt < touchFrom)
                .GroupBy(i => i.AccountId)
                .Select(g => g.OrderByDescending(i => i.OccurredAt).Select(i => new TouchRow(i.Id, i.AccountId, i.RepId, i.OccurredAt, i.Type, i.Sentiment, 0)).First())
                .ToListAsync(ct);
        // One row per touch with its contacts joined in SQL: a row per contact cost twice the rows and Guids.
        var contactFrom = from.AddDays(-ContactWindowDays(settings));
        var contactsMet = (await (
                from c in db.InteractionContacts
                join i in db.Interactions.IgnoreQueryFilters() on c.InteractionId equals i.Id
                where ids.Contains(i.AccountId) && i.OccurredAt >= contactFrom && i.OccurredAt <= to
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
                .Where(d => ids.Contains(d.AccountId) && d.Status == DeviceStatus.Active && (!pointInTime || d.InstallDate <= lastDay))
                .Select(d => new DeviceRow(d.Id, d.AccountId, d.Product!.Name, d.Product.Family, d.Product.Category, d.Product.ServiceLifeMonths, d.Product.ListPrice,
                    d.SerialNumber, d.InstallDate, d.WarrantyEnd, d.ContractEnd, d.Competitor))
                .ToListAsync(ct))
            .ToLookup(d => d.AccountId);

        // Open (or, in the past, not yet resolved) incidents count whenever they were opened.
        var incidentFrom = from.AddDays(-settings.ServiceWindowDays);
        var incidents = (await db.Incidents.IgnoreQueryFilters().AsNoTracking()
                .Where(i => ids.Contains(i.AccountId) && i.OpenedAt <= to && (i.OpenedAt > incidentFrom || i.ResolvedAt == null || (pointInTime && i.ResolvedAt > from)))
                .Select(i => new IncidentRow(i.AccountId, i.Device!.SerialNumber, i.OpenedAt, i.Severity, i.FirstResponseAt, i.ResolvedAt, i.AfterHours))
                .ToListAsync(ct))
            .ToLookup(i => i.AccountId);

        var orders = (await db.Orders.IgnoreQueryFilters().AsNoTracking()
                .Where(o => ids.Contains(o.AccountId) && o.OrderDate <= lastDay)
                .Select(o => new { o.AccountId, o.OrderDate, o.Type, List = o.Lines.Sum(l => l.ListAmount), Net = o.Lines.Sum(l => l.NetAmount) })
                .ToListAsync(ct))
            .ToLookup(o => o.AccountId, o => new OrderFact(o.OrderDate, o.List, o.Net, o.Type.ToString()));

        var contracts = (await db.ServiceContracts.IgnoreQueryFilters().AsNoTracking()
                .Where(c => ids.Contains(c.AccountId) && (!pointInTime || c.Start <= lastDay))
                .Select(c => new ContractRow(c.Id, c.AccountId, c.Start, c.End, c.AnnualValue, c.RenewedFromId))
                .ToListAsync(ct))
            .ToLookup(c => c.AccountId);

        var surveyFrom = DateOnly.FromDateTime(from).AddDays(-settings.SurveyWindowDays);
        var surveys = (await db.SurveyResponses.IgnoreQueryFilters().AsNoTracking()
                .Where(s => ids.Contains(s.AccountId) && s.Date > surveyFrom && s.Date <= lastDay)
                .Select(s => new { s.AccountId, Fact = new SurveyFact(s.Date, s.Nps) })
                .ToListAsync(ct))
            .ToLookup(s => s.AccountId, s => s.Fact);

        return new Rows(accounts, reps, touches.Concat(earlierTouches).ToLookup(t => t.AccountId), contactsMet, contacts, devices, incidents, orders, contracts, surveys, pointInTime);
    }

    /// <summary>The facts of every account of <paramref name="rows"/> as they were at <paramref name="asOf"/>, each window of the signals cut at it.</summary>
    private static List<AccountInputs> Assemble(Rows rows, DateTime asOf, SignalSettings settings)
    {
        var today = DateOnly.FromDateTime(asOf);
        var pointInTime = rows.PointInTime;
        var touchFrom = asOf.AddDays(-TouchWindowDays(settings));
        var contactFrom = asOf.AddDays(-ContactWindowDays(settings));
        var incidentFrom = asOf.AddDays(-settings.ServiceWindowDays);
        var surveyFrom = today.AddDays(-settings.SurveyWindowDays);
        return rows.Accounts.Select(a =>
        {
            var accountOrders = rows.Orders[a.Id].Where(o => o.OrderDate <= today).ToList();
            var known = rows.Touches[a.Id].Where(t => t.OccurredAt <= asOf).ToList();
            var inWindow = known.Where(t => t.OccurredAt >= touchFrom).ToList();
            var accountTouches = (inWindow.Count > 0 ? inWindow : known.OrderByDescending(t => t.OccurredAt).Take(1))
                .Select(t => new TouchFact(t.OccurredAt, rows.Reps.GetValueOrDefault(t.RepId, "a former user"),
                    t.OccurredAt >= contactFrom && inWindow.Count > 0 ? rows.ContactsMet.GetValueOrDefault(t.Id, []) : [], t.Sentiment, inWindow.Count > 0 ? t.Problems : 0, t.Type.ToString()))
                .ToList();
            var accountDevices = rows.Devices[a.Id].Where(d => !pointInTime || d.InstallDate <= today).ToList();
            var accountContracts = rows.Contracts[a.Id].Where(c => !pointInTime || c.Start <= today).ToList();
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
                Contacts = [.. rows.Contacts[a.Id]],
                Devices = [.. accountDevices.Select(d => d.ToFact())],
                Incidents = [.. rows.Incidents[a.Id]
                    .Where(i => i.OpenedAt <= asOf && (i.OpenedAt > incidentFrom || i.ResolvedAt == null || (pointInTime && i.ResolvedAt > asOf)))
                    .Select(i => i.ToFact(pointInTime ? asOf : null))],
                Orders = accountOrders,
                Contracts = [.. accountContracts.Select(c => new ContractFact(c.Start, c.End, c.AnnualValue, renewed.Contains(c.Id)))],
                Surveys = [.. rows.Surveys[a.Id].Where(s => s.Date > surveyFrom && s.Date <= today)],
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

    /// <summary>What <see cref="LoadAsync"/> read for a batch, keyed by account.</summary>
    private sealed record Rows(
        List<AccountRow> Accounts,
        Dictionary<Guid, string> Reps,
        ILookup<Guid, TouchRow> Touches,
        Dictionary<Guid, Guid[]> ContactsMet,
        ILookup<Guid, ContactFact> Contacts,
        ILookup<Guid, DeviceRow> Devices,
        ILookup<Guid, IncidentRow> Incidents,
        ILookup<Guid, OrderFact> Orders,
        ILookup<Guid, ContractRow> Contracts,
        ILookup<Guid, SurveyFact> Surveys,
        bool PointInTime);

    private sealed record AccountRow(Guid Id, string ExternalId, AccountSegment Segment, DateTime CreatedAt, Guid? OwnerRepId);

    private sealed record IncidentRow(Guid AccountId, string SerialNumber, DateTime OpenedAt, IncidentSeverity Severity, DateTime? FirstResponseAt, DateTime? ResolvedAt, bool AfterHours)
    {
        /// <summary>With <paramref name="asOf"/> (a past day) a response or resolution after it has not happened yet.</summary>
        public IncidentFact ToFact(DateTime? asOf) => new(SerialNumber, OpenedAt, Enum.Parse<SeverityFact>(Severity.ToString()),
            asOf is not null && FirstResponseAt > asOf ? null : FirstResponseAt, asOf is not null && ResolvedAt > asOf ? null : ResolvedAt, AfterHours);
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
