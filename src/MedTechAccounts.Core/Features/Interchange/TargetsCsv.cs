using System.Globalization;
using System.Text.RegularExpressions;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interchange;

/// <summary>
/// <c>fiscal_quarter, scope, scope_key, revenue_target</c> with the quarter as <c>2026-Q3</c>. The scope key is empty
/// for the company, else a region, territory name, rep e-mail or product family that exists.
/// </summary>
internal sealed partial class TargetsCsv : CsvKind
{
    public override string Name => "targets";

    public override IReadOnlyList<string> Columns { get; } = ["fiscal_quarter", "scope", "scope_key", "revenue_target"];

    public override async Task<IReadOnlyList<Func<ImportOutcome>>> PrepareAsync(ImportSession session, IReadOnlyList<CsvLine> lines, CancellationToken ct)
    {
        var db = session.Db;
        var territories = await db.Territories.AsNoTracking().Select(t => new { t.Name, t.Region }).ToListAsync(ct);
        var users = await session.UsersAsync(ct);
        var products = await session.ProductsAsync(ct);
        var known = new Dictionary<TargetScope, HashSet<string>>
        {
            [TargetScope.Region] = territories.Select(t => t.Region).ToHashSet(StringComparer.OrdinalIgnoreCase),
            [TargetScope.Territory] = territories.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase),
            [TargetScope.Rep] = users.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
            [TargetScope.ProductFamily] = products.Values.Select(p => p.Family).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var stored = (await db.QuarterlyTargets.ToListAsync(ct))
            .ToDictionary(t => (t.FiscalYear, t.FiscalQuarter, t.Scope, t.ScopeKey.ToUpperInvariant()));
        var seen = new Dictionary<(int, int, TargetScope, string), int>();
        var changes = new List<Func<ImportOutcome>>();
        foreach (var line in lines)
        {
            var quarterText = line.Text("fiscal_quarter", 7, required: true);
            var match = quarterText is null ? null : QuarterPattern().Match(quarterText);
            if (match is { Success: false })
            {
                line.Error("fiscal_quarter", $"'{quarterText}' is not a fiscal quarter as YYYY-Qn (such as 2026-Q3)");
            }

            var scope = line.Enum<TargetScope>("scope");
            var scopeKey = line.Text("scope_key", 256) ?? "";
            if (scope == TargetScope.Company && scopeKey.Length > 0)
            {
                line.Error("scope_key", "must be empty for the scope Company");
            }
            else if (scope is { } s && s != TargetScope.Company && scopeKey.Length == 0)
            {
                line.Error("scope_key", $"is required for the scope {s}");
            }
            else if (scope is { } k && k != TargetScope.Company && !known[k].Contains(scopeKey))
            {
                line.Error("scope_key", $"unknown {Describe(k)} '{scopeKey}'");
            }

            var revenue = line.Amount("revenue_target", required: true);
            if (match is not { Success: true } || scope is null)
            {
                continue;
            }

            var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var quarter = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var key = (year, quarter, scope.Value, scopeKey.ToUpperInvariant());
            if (!ImportSession.FirstOccurrence(seen, key, line, "scope_key") || line.HasErrors)
            {
                continue;
            }

            changes.Add(() =>
            {
                var created = !stored.TryGetValue(key, out var target);
                if (created)
                {
                    target = new QuarterlyTarget { FiscalYear = year, FiscalQuarter = quarter, Scope = scope.Value };
                    db.QuarterlyTargets.Add(target);
                }

                target!.ScopeKey = scopeKey;
                target.RevenueTarget = revenue!.Value;
                return session.Outcome(target, created);
            });
        }

        return changes;
    }

    private static string Describe(TargetScope scope) => scope switch
    {
        TargetScope.Region => "region",
        TargetScope.Territory => "territory",
        TargetScope.Rep => "user",
        _ => "product family",
    };

    public override async Task<IReadOnlyList<string?[]>> ExportAsync(AppDbContext db, CancellationToken ct) =>
        (await db.QuarterlyTargets.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.FiscalYear).ThenBy(t => t.FiscalQuarter).ThenBy(t => t.Scope).ThenBy(t => t.ScopeKey, StringComparer.Ordinal)
            .Select(t => new string?[]
            {
                string.Create(CultureInfo.InvariantCulture, $"{t.FiscalYear:0000}-Q{t.FiscalQuarter}"), t.Scope.ToString(), t.ScopeKey, CsvValues.Amount(t.RevenueTarget),
            })
            .ToList();

    [GeneratedRegex("^([0-9]{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();
}
