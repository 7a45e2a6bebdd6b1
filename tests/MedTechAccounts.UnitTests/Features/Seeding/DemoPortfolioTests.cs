using System.Text.RegularExpressions;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;

namespace MedTechAccounts.UnitTests.Features.Seeding;

public sealed class DemoPortfolioTests(DemoPortfolioFixture portfolio) : IClassFixture<DemoPortfolioFixture>
{
    private static readonly DateOnly Today = SeedDatabase.Today;
    private static readonly DateTime Cutoff = Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    private static readonly ContactRole[] KeyRoles = [ContactRole.Clinician, ContactRole.Biomed, ContactRole.Purchasing, ContactRole.Executive];

    [Fact]
    public void The_demo_profile_writes_a_portfolio_of_the_expected_size()
    {
        var counts = portfolio.Result.Counts;
        Assert.Equal(200, portfolio.Accounts.Count);
        Assert.Equal(8, portfolio.Territories.Count);
        Assert.Equal(["Central", "East", "West"], portfolio.Territories.Select(t => t.Region).Distinct().Order());
        Assert.InRange(portfolio.Contacts.Count, 1_200, 2_400);
        Assert.InRange(portfolio.Devices.Count, 3_000, 7_500);
        Assert.InRange(portfolio.Incidents.Count, 800, 3_500);
        Assert.InRange(portfolio.Interactions.Count, 8_000, 18_000);
        Assert.InRange(portfolio.Orders.Count, 1_500, 8_000);
        Assert.InRange(portfolio.OrderLines.Count, 6_000, 20_000);
        Assert.InRange(portfolio.Contracts.Count, 300, 1_200);
        Assert.InRange(portfolio.Surveys.Count, 300, 1_200);
        Assert.Equal(counts.Interactions, portfolio.Interactions.Count);
        Assert.Equal(counts.OrderLines, portfolio.OrderLines.Count);
        Assert.Equal(Enum.GetValues<ProductCategory>(), portfolio.Products.Select(p => p.Category).Distinct().Order());
        Assert.Contains(portfolio.Accounts, a => a.ParentAccountId is not null);
        Assert.Equal(Enum.GetValues<AccountSegment>(), portfolio.Accounts.Select(a => a.Segment).Distinct().Order());
        Assert.Equal(Enum.GetValues<AccountStatus>(), portfolio.Accounts.Select(a => a.Status).Distinct().Order());
        Assert.Contains(portfolio.Devices, d => d.Competitor is not null);
        Assert.Contains(portfolio.Incidents, i => i.AfterHours);
        Assert.Contains(portfolio.Contracts, c => c.RenewedFromId is not null);
        Assert.Contains(portfolio.Interactions, i => i.NextStepDue < Today && i.NextStepDoneAt is null);
        Assert.Contains(portfolio.Interactions, i => i.NextStepDue >= Today);
        Assert.Contains(portfolio.Interactions, i => i.VoiceOfCustomer is not null);
    }

    [Fact]
    public void Next_steps_are_mostly_done_within_days_of_their_due_date_and_the_overdue_ones_are_recent()
    {
        var steps = portfolio.Interactions.Where(i => i.NextStep is not null).ToList();
        var past = steps.Where(i => i.NextStepDue < Today).ToList();
        var open = steps.Where(i => i.NextStepDoneAt is null).ToList();
        var overdue = open.Where(i => i.NextStepDue < Today).ToList();
        var perRep = open.GroupBy(i => i.RepId).Select(g => g.Count()).ToList();

        Assert.True(past.Count(i => i.NextStepDoneAt is not null) >= 0.97 * past.Count, $"{past.Count(i => i.NextStepDoneAt is not null)} of {past.Count} past steps done");
        Assert.All(past.Where(i => i.NextStepDoneAt is not null), i =>
            Assert.InRange(DateOnly.FromDateTime(i.NextStepDoneAt!.Value).DayNumber - i.NextStepDue!.Value.DayNumber, -5, 2));
        Assert.True(open.Count <= 0.1 * steps.Count, $"{open.Count} of {steps.Count} next steps open");
        Assert.NotEmpty(overdue);
        Assert.All(overdue, i => Assert.True(i.NextStepDue >= Today.AddDays(-14), $"overdue since {i.NextStepDue}"));
        Assert.True(perRep.Max() <= 60, $"a rep has {perRep.Max()} open next steps (per rep: {string.Join(", ", perRep.Order())})");
    }

    [Fact]
    public void Quarterly_targets_cover_the_last_eight_quarters_and_the_current_one()
    {
        var company = portfolio.Targets.Where(t => t.Scope == TargetScope.Company).ToList();
        Assert.Equal(9, company.Count);
        Assert.Contains(company, t => t.FiscalYear == 2026 && t.FiscalQuarter == 2);
        Assert.Contains(company, t => t.FiscalYear == 2024 && t.FiscalQuarter == 2);
        Assert.Equal(27, portfolio.Targets.Count(t => t.Scope == TargetScope.Region));
        Assert.All(portfolio.Targets, t => Assert.True(t.RevenueTarget > 0));
    }

    [Fact]
    public void Every_customer_has_a_planted_group_and_every_group_is_present()
    {
        var customers = portfolio.Accounts.Where(a => a.Status == AccountStatus.Customer).Select(a => a.Id).Order();
        Assert.Equal(customers, portfolio.Result.Patterns.Keys.Order());
        foreach (var pattern in Enum.GetValues<PlantedPattern>())
        {
            Assert.True(
                portfolio.Result.Patterns.Values.Count(p => p == pattern) >= (pattern == PlantedPattern.AllBad ? 5 : 10),
                $"Too few accounts planted as {pattern}.");
        }
    }

    [Fact]
    public void Rep_dependent_accounts_are_served_by_one_rep_who_alone_met_the_contacts()
    {
        foreach (var account in portfolio.With(PlantedPattern.RepDependent))
        {
            var interactions = portfolio.Interactions.Where(i => i.AccountId == account).ToList();
            var top = interactions.GroupBy(i => i.RepId).MaxBy(g => g.Count())!;
            Assert.True(top.Count() >= 0.9 * interactions.Count, $"Account {account}: top rep has {top.Count()} of {interactions.Count}.");
            Assert.All(RepsWhoMet(interactions), met => Assert.Equal([top.Key], met.Value));
        }

        foreach (var account in portfolio.Controls)
        {
            var interactions = portfolio.Interactions.Where(i => i.AccountId == account).ToList();
            var topShare = interactions.GroupBy(i => i.RepId).Max(g => g.Count()) / (double)interactions.Count;
            Assert.True(topShare < 0.85, $"Control {account}: top rep share {topShare:P0}.");
        }

        var shared = portfolio.Controls.SelectMany(a => RepsWhoMet(portfolio.Interactions.Where(i => i.AccountId == a).ToList())).ToList();
        Assert.True(shared.Count(c => c.Value.Count > 1) > 0.6 * shared.Count, "Most contacts of control accounts meet more than one rep.");
    }

    [Fact]
    public void Post_sale_silence_accounts_went_quiet_after_a_recent_purchase_and_others_did_not()
    {
        Assert.All(portfolio.With(PlantedPattern.PostSaleSilence), account => Assert.NotEmpty(SilentPurchases(account)));
        Assert.All(portfolio.Without(PlantedPattern.PostSaleSilence), account => Assert.Empty(SilentPurchases(account)));
    }

    [Fact]
    public void Discount_dependent_accounts_buy_at_quarter_close_at_high_discount()
    {
        Assert.All(portfolio.With(PlantedPattern.DiscountDependent), account => Assert.InRange(DiscountedClosingShare(account), 0.6, 1));
        Assert.All(portfolio.Without(PlantedPattern.DiscountDependent), account => Assert.Equal(0, DiscountedClosingShare(account)));
    }

    [Fact]
    public void Poor_service_accounts_have_slow_responses_repeat_failures_and_an_open_critical()
    {
        foreach (var account in portfolio.With(PlantedPattern.PoorService))
        {
            var incidents = portfolio.Incidents.Where(i => i.AccountId == account).ToList();
            Assert.Contains(incidents, i => i.Severity == IncidentSeverity.Critical && i.ResolvedAt is null);
            Assert.Contains(incidents.Where(i => i.OpenedAt >= Cutoff.AddDays(-180)).GroupBy(i => i.DeviceId), g => g.Count() >= 3);
            Assert.True(BreachShare(incidents.Where(i => i.OpenedAt >= Cutoff.AddDays(-365))) >= 0.75, $"Account {account} breaches too rarely.");
        }

        var others = portfolio.Without(PlantedPattern.PoorService).ToHashSet();
        var healthy = portfolio.Incidents.Where(i => others.Contains(i.AccountId)).ToList();
        Assert.DoesNotContain(healthy, i => i.Severity == IncidentSeverity.Critical && i.ResolvedAt is null);
        Assert.InRange(BreachShare(healthy), 0.005, 0.1);
    }

    [Fact]
    public void Thin_coverage_accounts_met_only_floor_nurses_in_the_last_half_year()
    {
        foreach (var account in portfolio.With(PlantedPattern.ThinInfluencerCoverage))
        {
            var met = RecentlyMet(account);
            Assert.NotEmpty(met);
            Assert.All(met, c => Assert.Equal(ContactRole.Nursing, c.Role));
            Assert.All(KeyRoles, role => Assert.Contains(portfolio.Contacts, c => c.AccountId == account && c.Role == role));
        }

        foreach (var account in portfolio.Without(PlantedPattern.ThinInfluencerCoverage))
        {
            var roles = RecentlyMet(account).Select(c => c.Role).ToHashSet();
            Assert.All(KeyRoles, role => Assert.Contains(role, roles));
        }
    }

    [Fact]
    public void Serial_numbers_are_unique_per_product()
    {
        Assert.Equal(portfolio.Devices.Count, portfolio.Devices.Select(d => (d.ProductId, d.SerialNumber)).Distinct().Count());
        var capital = portfolio.Products.Where(p => p.Category == ProductCategory.Capital).Select(p => p.Id).ToHashSet();
        Assert.All(portfolio.Devices, d => Assert.Contains(d.ProductId, capital));
    }

    [Fact]
    public void Rows_refer_to_existing_rows_of_the_same_account()
    {
        var accountOf = new Dictionary<Guid, Guid>();
        foreach (var c in portfolio.Contacts) { accountOf[c.Id] = c.AccountId; }
        foreach (var d in portfolio.Devices) { accountOf[d.Id] = d.AccountId; }
        var interactionAccount = portfolio.Interactions.ToDictionary(i => i.Id, i => i.AccountId);
        var users = portfolio.Users.Select(u => u.Id).ToHashSet();

        Assert.All(portfolio.Interactions, i => Assert.Contains(i.RepId, users));
        Assert.All(portfolio.InteractionContacts, c => Assert.Equal(interactionAccount[c.InteractionId], accountOf[c.ContactId]));
        Assert.All(portfolio.InteractionDevices, d => Assert.Equal(interactionAccount[d.InteractionId], accountOf[d.DeviceId]));
        Assert.All(portfolio.Incidents, i => Assert.Equal(i.AccountId, accountOf[i.DeviceId]));
        var contracts = portfolio.Contracts.ToDictionary(c => c.Id);
        Assert.All(portfolio.ContractDevices, d => Assert.Equal(contracts[d.ServiceContractId].AccountId, accountOf[d.DeviceId]));
        Assert.All(portfolio.Contracts.Where(c => c.RenewedFromId is not null), c =>
        {
            var previous = contracts[c.RenewedFromId!.Value];
            Assert.Equal(previous.AccountId, c.AccountId);
            Assert.Equal(previous.End.AddDays(1), c.Start);
        });
        Assert.All(portfolio.OrderLines, l => Assert.InRange(l.NetAmount, 0.01m, l.ListAmount));
        Assert.All(portfolio.Surveys, s => Assert.Equal(s.AccountId, accountOf[s.ContactId!.Value]));

        var repTerritories = portfolio.UserTerritories.ToLookup(ut => ut.UserId, ut => ut.TerritoryId);
        Assert.All(portfolio.Accounts, a => Assert.Contains(a.TerritoryId, repTerritories[a.OwnerRepId!.Value]));
        var parents = portfolio.Accounts.ToDictionary(a => a.Id);
        Assert.All(portfolio.Accounts.Where(a => a.ParentAccountId is not null), a => Assert.Null(parents[a.ParentAccountId!.Value].ParentAccountId));
    }

    [Fact]
    public void External_ids_are_unique_and_follow_the_formats()
    {
        AssertIds(portfolio.Accounts.Select(a => a.ExternalId), "ACC-");
        AssertIds(portfolio.Contacts.Select(c => c.ExternalId), "CON-");
        AssertIds(portfolio.Interactions.Select(i => i.ExternalId), "INT-");
        AssertIds(portfolio.Incidents.Select(i => i.ExternalId), "INC-");
        AssertIds(portfolio.Orders.Select(o => o.ExternalId), "ORD-");
        AssertIds(portfolio.Contracts.Select(c => c.ExternalId), "SC-");
        Assert.True(portfolio.Interactions.Count(i => i.Source != InteractionSource.Api) > 0.9 * portfolio.Interactions.Count);
    }

    [Fact]
    public void Nothing_happens_on_or_after_today()
    {
        Assert.All(portfolio.Interactions, i => Assert.True(i.OccurredAt < Cutoff && (i.NextStepDoneAt is null || i.NextStepDoneAt < Cutoff)));
        Assert.All(portfolio.Incidents, i => Assert.True(i.OpenedAt < Cutoff && !(i.FirstResponseAt >= Cutoff) && !(i.ResolvedAt >= Cutoff)));
        Assert.All(portfolio.Incidents, i => Assert.True(i.FirstResponseAt is null || i.FirstResponseAt > i.OpenedAt));
        Assert.All(portfolio.Orders, o => Assert.True(o.OrderDate < Today));
        Assert.All(portfolio.Devices, d => Assert.True(d.InstallDate < Today));
        Assert.All(portfolio.Surveys, s => Assert.True(s.Date < Today));
    }

    [Fact]
    public void Free_text_is_about_devices_and_service_never_patients()
    {
        var texts = portfolio.Interactions.SelectMany(i => new[] { i.Notes, i.VoiceOfCustomer, i.NextStep })
            .Concat(portfolio.Surveys.Select(s => s.Comment))
            .OfType<string>();
        string[] deviceNames = ["Patient Monitor", "Patient Transport"];
        var patientWords = new Regex(@"\b(patients?|MRN|DOB|date of birth)\b", RegexOptions.IgnoreCase);
        Assert.All(
            texts.Select(t => deviceNames.Aggregate(t, (text, name) => text.Replace(name, "", StringComparison.Ordinal))),
            t => Assert.DoesNotMatch(patientWords, t));
    }

    [Fact]
    public async Task Seeding_marks_every_account_stale_and_audits_in_summary()
    {
        var db = portfolio.Database.Db;
        Assert.Equal(portfolio.Accounts.Count, db.StaleAccounts.Count());
        var interactionsAudited = db.AuditEntries.Where(e => e.Entity == nameof(Interaction) && e.Field == "(bulk)").ToList()
            .Sum(e => int.Parse(e.NewValue!.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(portfolio.Interactions.Count, interactionsAudited);
        Assert.DoesNotContain(db.AuditEntries, e => e.Field != "(bulk)");

        Assert.Null(await portfolio.Database.SeedAsync(SeedOptions.Demo(Today)));
        Assert.Equal(portfolio.Accounts.Count, db.Accounts.Count());
    }

    private static void AssertIds(IEnumerable<string> ids, string prefix)
    {
        var list = ids.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
        Assert.All(list, id => Assert.Matches($"^{prefix}[0-9]{{5,}}$", id));
    }

    /// <summary>Per contact met, the reps who met them.</summary>
    private Dictionary<Guid, List<Guid>> RepsWhoMet(List<Interaction> interactions)
    {
        var reps = interactions.ToDictionary(i => i.Id, i => i.RepId);
        return portfolio.InteractionContacts.Where(c => reps.ContainsKey(c.InteractionId))
            .GroupBy(c => c.ContactId)
            .ToDictionary(g => g.Key, g => g.Select(c => reps[c.InteractionId]).Distinct().ToList());
    }

    /// <summary>Capital orders and our installs 31–180 days ago with no interaction in the 30 days after.</summary>
    private List<DateOnly> SilentPurchases(Guid account)
    {
        var days = portfolio.Interactions.Where(i => i.AccountId == account).Select(i => DateOnly.FromDateTime(i.OccurredAt)).ToList();
        var purchases = portfolio.Orders.Where(o => o.AccountId == account && o.Type == OrderType.Capital).Select(o => o.OrderDate)
            .Concat(portfolio.Devices.Where(d => d.AccountId == account && d.Competitor is null).Select(d => d.InstallDate))
            .Where(d => d >= Today.AddDays(-180) && d <= Today.AddDays(-31));
        return purchases.Where(p => !days.Any(d => d > p && d <= p.AddDays(30))).Distinct().ToList();
    }

    /// <summary>Share of the last four complete quarters' net revenue bought in a quarter's last 14 days at more than 15% off.</summary>
    private double DiscountedClosingShare(Guid account)
    {
        var currentQuarter = new DateOnly(Today.Year, (((Today.Month - 1) / 3) * 3) + 1, 1);
        var (from, to) = (currentQuarter.AddMonths(-12), currentQuarter);
        var orders = portfolio.Orders.Where(o => o.AccountId == account && o.OrderDate >= from && o.OrderDate < to).ToDictionary(o => o.Id, o => o.OrderDate);
        var lines = portfolio.OrderLines.Where(l => orders.ContainsKey(l.OrderId)).ToList();
        var total = lines.Sum(l => l.NetAmount);
        var closing = lines.Where(l => l.DiscountRate > 0.15m && IsClosing(orders[l.OrderId])).Sum(l => l.NetAmount);
        return total == 0 ? 0 : (double)(closing / total);
    }

    private static bool IsClosing(DateOnly date)
    {
        var quarterEnd = new DateOnly(date.Year, (((date.Month - 1) / 3) * 3) + 3, 1).AddMonths(1).AddDays(-1);
        return quarterEnd.DayNumber - date.DayNumber < 14;
    }

    private static double BreachShare(IEnumerable<ServiceIncident> incidents)
    {
        var list = incidents.ToList();
        var breached = list.Count(i =>
        {
            var sla = TimeSpan.FromHours(i.Severity switch { IncidentSeverity.Critical => 4, IncidentSeverity.Major => 24, _ => 72 });
            return (i.FirstResponseAt ?? Cutoff) - i.OpenedAt > sla;
        });
        return list.Count == 0 ? 0 : breached / (double)list.Count;
    }

    private List<Contact> RecentlyMet(Guid account)
    {
        var recent = portfolio.Interactions.Where(i => i.AccountId == account && i.OccurredAt >= Cutoff.AddDays(-180)).Select(i => i.Id).ToHashSet();
        var contacts = portfolio.Contacts.ToDictionary(c => c.Id);
        return portfolio.InteractionContacts.Where(c => recent.Contains(c.InteractionId)).Select(c => contacts[c.ContactId]).Distinct().ToList();
    }
}
