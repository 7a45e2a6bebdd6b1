using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Accounts;
using MedTechAccounts.Core.Features.Audit;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.Core.Features.Incidents;
using MedTechAccounts.Core.Features.InstallBase;
using MedTechAccounts.Core.Features.Orders;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.Core.Features.Targets;
using MedTechAccounts.Core.Features.Tasks;
using MedTechAccounts.Web.Infrastructure;

namespace MedTechAccounts.Web.Features;

/// <summary>The columns of each list page's CSV export (<c>?format=csv</c> on the page's own URL).</summary>
public static class ListExports
{
    public static CsvDownload Accounts(IEnumerable<AccountList.Row> rows) => CsvDownload.Of("accounts.csv", rows,
        new CsvColumn<AccountList.Row>("External id", r => r.ExternalId),
        new CsvColumn<AccountList.Row>("Name", r => r.Name),
        new CsvColumn<AccountList.Row>("Segment", r => Words.Of(r.Segment)),
        new CsvColumn<AccountList.Row>("Status", r => Words.Of(r.Status)),
        new CsvColumn<AccountList.Row>("Beds", r => r.BedCount),
        new CsvColumn<AccountList.Row>("Region", r => r.Region),
        new CsvColumn<AccountList.Row>("Territory", r => r.TerritoryName),
        new CsvColumn<AccountList.Row>("Rep", r => r.OwnerRepName),
        new CsvColumn<AccountList.Row>("City", r => r.City),
        new CsvColumn<AccountList.Row>("State", r => r.State),
        new CsvColumn<AccountList.Row>("Active devices", r => r.ActiveDeviceCount));

    public static CsvDownload Incidents(IEnumerable<IncidentList.Row> rows) => CsvDownload.Of("incidents.csv", rows,
        new CsvColumn<IncidentList.Row>("Incident", r => r.ExternalId),
        new CsvColumn<IncidentList.Row>("Account", r => r.AccountName),
        new CsvColumn<IncidentList.Row>("Territory", r => r.TerritoryName),
        new CsvColumn<IncidentList.Row>("Device", r => r.DeviceSerialNumber),
        new CsvColumn<IncidentList.Row>("Product", r => r.DeviceProductName),
        new CsvColumn<IncidentList.Row>("Severity", r => Words.Of(r.Severity)),
        new CsvColumn<IncidentList.Row>("Category", r => r.Category),
        new CsvColumn<IncidentList.Row>("Opened", r => r.OpenedAt),
        new CsvColumn<IncidentList.Row>("Response deadline", r => r.ResponseDeadline),
        new CsvColumn<IncidentList.Row>("First response", r => r.FirstResponseAt),
        new CsvColumn<IncidentList.Row>("Resolved", r => r.ResolvedAt),
        new CsvColumn<IncidentList.Row>("SLA", r => IncidentSla.Label(r.Sla)),
        new CsvColumn<IncidentList.Row>("After hours", r => r.AfterHours),
        new CsvColumn<IncidentList.Row>("Status", r => Words.Of(r.Status)));

    public static CsvDownload Devices(IEnumerable<DeviceList.Row> rows) => CsvDownload.Of("devices.csv", rows,
        new CsvColumn<DeviceList.Row>("Serial", r => r.SerialNumber),
        new CsvColumn<DeviceList.Row>("SKU", r => r.ProductSku),
        new CsvColumn<DeviceList.Row>("Product", r => r.ProductName),
        new CsvColumn<DeviceList.Row>("Family", r => r.ProductFamily),
        new CsvColumn<DeviceList.Row>("Account", r => r.AccountName),
        new CsvColumn<DeviceList.Row>("Department", r => r.Department),
        new CsvColumn<DeviceList.Row>("Installed", r => r.InstallDate),
        new CsvColumn<DeviceList.Row>("Warranty end", r => r.WarrantyEnd),
        new CsvColumn<DeviceList.Row>("Contract end", r => r.ContractEnd),
        new CsvColumn<DeviceList.Row>("Status", r => Words.Of(r.Status)),
        new CsvColumn<DeviceList.Row>("Competitor", r => r.Competitor));

    public static CsvDownload Orders(IEnumerable<OrderList.Row> rows) => CsvDownload.Of("orders.csv", rows,
        new CsvColumn<OrderList.Row>("Order", r => r.ExternalId),
        new CsvColumn<OrderList.Row>("Account", r => r.AccountName),
        new CsvColumn<OrderList.Row>("Date", r => r.OrderDate),
        new CsvColumn<OrderList.Row>("Type", r => Words.Of(r.Type)),
        new CsvColumn<OrderList.Row>("Lines", r => r.LineCount),
        new CsvColumn<OrderList.Row>("List amount", r => r.ListAmount, Money: true),
        new CsvColumn<OrderList.Row>("Net amount", r => r.NetAmount, Money: true));

    public static CsvDownload Contracts(IEnumerable<ContractList.Row> rows) => CsvDownload.Of("contracts.csv", rows,
        new CsvColumn<ContractList.Row>("Contract", r => r.ExternalId),
        new CsvColumn<ContractList.Row>("Account", r => r.AccountName),
        new CsvColumn<ContractList.Row>("Start", r => r.Start),
        new CsvColumn<ContractList.Row>("End", r => r.End),
        new CsvColumn<ContractList.Row>("Annual value", r => r.AnnualValue, Money: true),
        new CsvColumn<ContractList.Row>("Devices", r => r.DeviceCount),
        new CsvColumn<ContractList.Row>("Renewal", r => Words.Of(r.Status)));

    public static CsvDownload Surveys(IEnumerable<SurveyList.Row> rows) => CsvDownload.Of("surveys.csv", rows,
        new CsvColumn<SurveyList.Row>("Account", r => r.AccountName),
        new CsvColumn<SurveyList.Row>("Contact", r => r.ContactName),
        new CsvColumn<SurveyList.Row>("Date", r => r.Date),
        new CsvColumn<SurveyList.Row>("NPS", r => r.Nps),
        new CsvColumn<SurveyList.Row>("Category", r => Words.Of(r.Category)),
        new CsvColumn<SurveyList.Row>("Comment", r => r.Comment));

    public static CsvDownload Targets(IEnumerable<TargetList.Row> rows) => CsvDownload.Of("targets.csv", rows,
        new CsvColumn<TargetList.Row>("Quarter", r => r.Quarter),
        new CsvColumn<TargetList.Row>("Start", r => r.QuarterStart),
        new CsvColumn<TargetList.Row>("End", r => r.QuarterEnd),
        new CsvColumn<TargetList.Row>("Scope", r => Words.Of(r.Scope)),
        new CsvColumn<TargetList.Row>("Key", r => r.ScopeKey),
        new CsvColumn<TargetList.Row>("Revenue target", r => r.RevenueTarget, Money: true));

    public static CsvDownload PlaybookEffects(PlaybookEffects.Result result) => CsvDownload.Of("playbook-effects.csv", result.Rows,
        new CsvColumn<PlaybookEffects.Row>("Playbook", r => r.Name),
        new CsvColumn<PlaybookEffects.Row>("Open", r => r.Open),
        new CsvColumn<PlaybookEffects.Row>("Done", r => r.Done),
        new CsvColumn<PlaybookEffects.Row>("Dismissed", r => r.Dismissed),
        new CsvColumn<PlaybookEffects.Row>("With a result", r => r.WithResult),
        new CsvColumn<PlaybookEffects.Row>("Mean signal change (points)", r => r.MeanSignalChange),
        new CsvColumn<PlaybookEffects.Row>("Share improved", r => r.ShareImproved));

    public static CsvDownload Audit(IEnumerable<AuditLog.Row> rows) => CsvDownload.Of("audit-log.csv", rows,
        new CsvColumn<AuditLog.Row>("At", r => r.At),
        new CsvColumn<AuditLog.Row>("User", r => r.UserDisplayName ?? r.UserName),
        new CsvColumn<AuditLog.Row>("Login", r => r.UserName),
        new CsvColumn<AuditLog.Row>("Entity", r => r.Entity),
        new CsvColumn<AuditLog.Row>("Id", r => r.EntityId),
        new CsvColumn<AuditLog.Row>("Action", r => Words.Of(r.Action)),
        new CsvColumn<AuditLog.Row>("Field", r => r.Field),
        new CsvColumn<AuditLog.Row>("Old value", r => r.OldValue),
        new CsvColumn<AuditLog.Row>("New value", r => r.NewValue));
}
