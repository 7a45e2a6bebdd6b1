using System.Text.RegularExpressions;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>serial_number, sku, account_external_id, department, install_date, warranty_end, contract_end, status, competitor</c>;
/// the key is the serial number with the SKU (a serial is unique per product).
/// </summary>
internal sealed partial class DevicesCsv : CsvKind
{
    public override string Name => "devices";

    public override IReadOnlyList<string> Columns { get; } =
        ["serial_number", "sku", "account_external_id", "department", "install_date", "warranty_end", "contract_end", "status", "competitor"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var accounts = await session.AccountsAsync(ct);
        var products = await session.ProductsAsync(ct);
        var seen = new Dictionary<(Guid, string), int>();
        var valid = new List<((Guid ProductId, string Serial) Key, Action<InstalledDevice> Apply)>();
        foreach (var line in lines)
        {
            var serial = line.Text("serial_number", 100, required: true);
            if (serial is not null && !SerialPattern().IsMatch(serial))
            {
                line.Error("serial_number", "may contain letters, digits, spaces and . _ / - only");
            }

            var sku = line.Text("sku", 64, required: true);
            ProductRef? product = null;
            if (sku is not null && !products.TryGetValue(sku, out product))
            {
                line.Error("sku", $"unknown product '{sku}'");
            }
            else if (product is not null && product.Category != ProductCategory.Capital)
            {
                line.Error("sku", $"'{sku}' is not a capital product");
            }

            var accountId = line.Key("account_external_id");
            AccountRef? account = null;
            if (accountId is not null && !accounts.TryGetValue(accountId, out account))
            {
                line.Error("account_external_id", $"unknown account '{accountId}'");
            }

            var department = line.Text("department", 100);
            var installed = line.Date("install_date", required: true);
            if (installed is { } date && (date < new DateOnly(1970, 1, 1) || date > session.Today))
            {
                line.Error("install_date", "must be between 1970-01-01 and today");
            }

            var warranty = line.Date("warranty_end");
            if (warranty < installed)
            {
                line.Error("warranty_end", "must not be before install_date");
            }

            var contract = line.Date("contract_end");
            if (contract < installed)
            {
                line.Error("contract_end", "must not be before install_date");
            }

            var status = line.Enum<DeviceStatus>("status");
            var competitor = line.Text("competitor", 100);
            if (product is not null && serial is not null && !ImportSession.FirstOccurrence(seen, (product.Id, serial), line, "serial_number"))
            {
                continue;
            }

            if (line.HasErrors)
            {
                continue;
            }

            valid.Add(((product!.Id, serial!), device =>
            {
                device.ProductId = product.Id;
                device.SerialNumber = serial!;
                device.AccountId = account!.Id;
                device.Department = department;
                device.InstallDate = installed!.Value;
                device.WarrantyEnd = warranty;
                device.ContractEnd = contract;
                device.Status = status!.Value;
                device.Competitor = competitor;
            }));
        }

        if (session.Refused)
        {
            return [];
        }

        var stored = (await ImportSession.WhereInAsync(db.Devices, d => d.SerialNumber, valid.Select(v => v.Key.Serial), ct))
            .ToDictionary(d => (d.ProductId, d.SerialNumber));
        return valid.Select(v => (Func<ImportOutcome>)(() =>
        {
            var created = !stored.TryGetValue(v.Key, out var device);
            if (created)
            {
                device = new InstalledDevice();
                db.Devices.Add(device);
            }

            v.Apply(device!);
            return session.Outcome(device!, created);
        })).ToList();
    }

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Devices.AsNoTracking().Select(d => new
        {
            d.SerialNumber, d.Product!.Sku, Account = d.Account!.ExternalId, d.Department, d.InstallDate, d.WarrantyEnd, d.ContractEnd, d.Status, d.Competitor,
        }).ToListAsync(ct))
            .OrderBy(d => d.SerialNumber, StringComparer.Ordinal).ThenBy(d => d.Sku, StringComparer.Ordinal)
            .Select(d => new string?[]
            {
                d.SerialNumber, d.Sku, d.Account, d.Department, CsvValues.Date(d.InstallDate), CsvValues.Date(d.WarrantyEnd),
                CsvValues.Date(d.ContractEnd), d.Status.ToString(), d.Competitor,
            })
            .ToList();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")]
    private static partial Regex SerialPattern();
}
