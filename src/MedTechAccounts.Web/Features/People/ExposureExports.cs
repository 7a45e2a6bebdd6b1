using System.Globalization;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.People;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features.People;

/// <summary>The exposure tables as CSV downloads (the same rows as the pages).</summary>
public static class ExposureExports
{
    public static CsvDownload Team(TeamExposure.Result r) => CsvDownload.Of("departure-exposure.csv", r.People,
        new CsvColumn<TeamExposure.PersonRow>("Person", x => x.Name),
        new CsvColumn<TeamExposure.PersonRow>("Region", x => x.Region),
        new CsvColumn<TeamExposure.PersonRow>("Active", x => x.IsActive),
        new CsvColumn<TeamExposure.PersonRow>("Accounts met", x => x.AccountsMet),
        new CsvColumn<TeamExposure.PersonRow>("Exposed accounts", x => x.ExposedAccounts),
        new CsvColumn<TeamExposure.PersonRow>("Contacts only they met", x => x.SoleContacts),
        new CsvColumn<TeamExposure.PersonRow>("CLV at stake", x => x.ClvAtStake));

    public static CsvDownload Accounts(PersonExposure.Result r) => CsvDownload.Of($"exposure-{Slug(r.Name)}-accounts.csv", r.Accounts,
        new CsvColumn<PersonExposure.AccountRow>("Account", x => x.AccountName),
        new CsvColumn<PersonExposure.AccountRow>("Territory", x => x.TerritoryName),
        new CsvColumn<PersonExposure.AccountRow>("Region", x => x.Region),
        new CsvColumn<PersonExposure.AccountRow>("Owned by them", x => x.OwnedByPerson),
        new CsvColumn<PersonExposure.AccountRow>("Exposed", x => x.Exposed),
        new CsvColumn<PersonExposure.AccountRow>("Their interactions", x => x.Interactions),
        new CsvColumn<PersonExposure.AccountRow>("Account interactions", x => x.AccountInteractions),
        new CsvColumn<PersonExposure.AccountRow>("Share of interactions", x => x.Share),
        new CsvColumn<PersonExposure.AccountRow>("Contacts only they met", x => x.SoleContacts),
        new CsvColumn<PersonExposure.AccountRow>("Contacts met", x => x.ContactsMet),
        new CsvColumn<PersonExposure.AccountRow>("Share of the relationship held", x => x.Held),
        new CsvColumn<PersonExposure.AccountRow>("CLV", x => x.Clv),
        new CsvColumn<PersonExposure.AccountRow>("CLV at stake", x => x.ClvAtStake),
        new CsvColumn<PersonExposure.AccountRow>("Next most frequent visitor", x => x.NextVisitor));

    public static CsvDownload Contacts(PersonExposure.Result r) => CsvDownload.Of($"exposure-{Slug(r.Name)}-contacts.csv", r.Contacts,
        new CsvColumn<PersonExposure.ContactRow>("Contact", x => x.Name),
        new CsvColumn<PersonExposure.ContactRow>("Title", x => x.Title),
        new CsvColumn<PersonExposure.ContactRow>("Role", x => x.Role.ToString()),
        new CsvColumn<PersonExposure.ContactRow>("Influence", x => x.Influence.ToString()),
        new CsvColumn<PersonExposure.ContactRow>("Account", x => x.AccountName),
        new CsvColumn<PersonExposure.ContactRow>("Meetings", x => x.Meetings),
        new CsvColumn<PersonExposure.ContactRow>("Last met", x => x.LastMet));

    private static string Slug(string name)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return slug.Length == 0 ? "person" : slug[..Math.Min(40, slug.Length)];
    }
}

/// <summary>The exposure pages' sentences and chart.</summary>
public static class ExposureText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string PlanStatus(CreateHandoverPlan.Result r)
    {
        var parts = new List<string>();
        if (r.Created > 0)
        {
            parts.Add($"{r.Created} task{(r.Created == 1 ? "" : "s")} created");
        }

        if (r.HandedOver > 0)
        {
            parts.Add($"{r.HandedOver} open task{(r.HandedOver == 1 ? "" : "s")} handed over");
        }

        if (r.AlreadyPlanned > 0)
        {
            parts.Add($"{r.AlreadyPlanned} account{(r.AlreadyPlanned == 1 ? " was" : "s were")} already planned");
        }

        if (r.NoColleague > 0)
        {
            parts.Add($"{r.NoColleague} account{(r.NoColleague == 1 ? " has" : "s have")} no colleague to take it");
        }

        return parts.Count == 0 ? "Handover plan: no exposed account to plan." : "Handover plan: " + string.Join("; ", parts) + ".";
    }

    public static string Percent(double share) => share.ToString("0%", Inv);

    /// <summary>CLV at stake per person (the first 15) or per region, for the shared chart partial.</summary>
    public static ChartModel PeopleChart(TeamExposure.Result r, MoneyFormat money) => new(
        "exposure-chart", "CLV at stake per person, the 15 most exposed", "bar", "Person", ["CLV at stake"],
        [.. r.People.Take(15).Select(p => new ChartRow(r.Regions.Count > 1 ? $"{p.Name} ({p.Region})" : p.Name, [Money(p.ClvAtStake, money)]))],
        YTitle: money.Title("CLV at stake"));

    public static ChartModel RegionChart(TeamExposure.Result r, MoneyFormat money) => new(
        "exposure-region-chart", "CLV at stake per region", "bar", "Region", ["CLV at stake"],
        [.. r.Regions.Select(g => new ChartRow(g.Region, [Money(g.ClvAtStake, money)]))],
        YTitle: money.Title("CLV at stake"));

    private static ChartCell Money(decimal value, MoneyFormat money) => new((double)value, money.Short(value));
}
