using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using MedTechAccounts.Core.Features.Contracts;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedTechAccounts.IntegrationTests.Features.Commercial.CommercialWorld;

namespace MedTechAccounts.IntegrationTests.Features.Commercial;

/// <summary>Service contracts through the forms and the API: covered devices, renewal chains, expiring lists, versions, roles and scoping.</summary>
public abstract class ContractsTests(AppFactory app)
{
    [DbFact]
    public async Task A_manager_records_a_contract_covering_devices_of_the_account_it_is_audited_and_marks_the_account_stale()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var product = await app.ProductAsync(ProductCategory.Capital);
        var first = await app.DeviceAsync(manager.Own.Id, product.Id);
        var second = await app.DeviceAsync(manager.Own.Id, product.Id);
        var number = Unique("SC");
        var formPage = $"/accounts/{manager.Own.Id}/contracts/new";

        var html = await manager.Client.GetStringAsync(formPage);
        var response = await AppFactory.PostFormAsync(manager.Client, formPage, formPage, new Dictionary<string, string?>
        {
            ["ExternalId"] = number, ["Start"] = Iso(Today.AddMonths(-1)), ["End"] = Iso(Today.AddMonths(11)), ["AnnualValue"] = "24000",
            ["DeviceIds"] = first.Id.ToString(),
        });

        Assert.Contains(second.SerialNumber, html);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await manager.Client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(number, details);
        Assert.Contains(first.SerialNumber, details);
        Assert.DoesNotContain(second.SerialNumber, details);
        var (contract, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var c = await db.ServiceContracts.Include(x => x.CoveredDevices).SingleAsync(x => x.ExternalId == number);
            return (c, await db.AuditEntries.Where(e => e.Entity == nameof(ServiceContract) && e.EntityId == c.Id.ToString()).ToListAsync(),
                await db.StaleAccounts.AnyAsync(s => s.AccountId == manager.Own.Id));
        });
        Assert.Equal((24000m, (Guid?)null), (contract.AnnualValue, contract.RenewedFromId));
        Assert.Equal([first.Id], contract.CoveredDevices.Select(d => d.DeviceId));
        Assert.Contains(audit, e => e.Field == nameof(ServiceContract.AnnualValue) && e.UserName == manager.User.Email);
        Assert.True(stale);
    }

    [DbFact]
    public async Task Renewing_starts_the_day_after_the_previous_end_keeps_active_devices_and_the_details_show_the_chain_oldest_first()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var product = await app.ProductAsync(ProductCategory.Capital);
        var active = await app.DeviceAsync(manager.Own.Id, product.Id);
        var retired = await app.DeviceAsync(manager.Own.Id, product.Id, DeviceStatus.Decommissioned);
        var start = new DateOnly(Today.Year - 1, 1, 1);
        var original = await app.ContractAsync(manager.Own.Id, start, start.AddYears(1).AddDays(-1), null, active.Id, retired.Id);

        var byApi = await manager.Client.PostAsJsonAsync($"/api/contracts/{original.Id}/renew", new { }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, byApi.StatusCode);
        var second = await manager.Client.GetFromJsonAsync<ContractDetails.Result>(byApi.Headers.Location!.AbsolutePath, Json.Options);
        var form = await manager.Client.GetStringAsync($"/contracts/{second!.Id}/renew");
        var byForm = await AppFactory.PostFormAsync(manager.Client, $"/contracts/{second.Id}/renew", $"/contracts/{second.Id}/renew", new Dictionary<string, string?>
        {
            ["Id"] = second.Id.ToString(), ["AnnualValue"] = "15000", ["DeviceIds"] = active.Id.ToString(),
        });
        var again = await manager.Client.PostAsJsonAsync($"/api/contracts/{original.Id}/renew", new { }, Json.Options);

        Assert.Equal((start.AddYears(1), start.AddYears(2).AddDays(-1), 12000m, original.Id), (second.Start, second.End, second.AnnualValue, second.RenewedFromId));
        Assert.Equal([active.Id], second.CoveredDevices.Select(d => d.Id));
        Assert.Contains($"value=\"{Iso(start.AddYears(2))}\"", form);
        Assert.Equal(HttpStatusCode.Redirect, byForm.StatusCode);
        var third = await manager.Client.GetFromJsonAsync<ContractDetails.Result>($"/api{byForm.Headers.Location!.OriginalString}", Json.Options);
        Assert.Equal((start.AddYears(2), start.AddYears(3).AddDays(-1), 15000m), (third!.Start, third.End, third.AnnualValue));
        Assert.Equal([original.Id, second.Id, third.Id], third.Chain.Select(c => c.Id));
        var fromTheMiddle = await manager.Client.GetFromJsonAsync<ContractDetails.Result>($"/api/contracts/{second.Id}", Json.Options);
        Assert.Equal([original.Id, second.Id, third.Id], fromTheMiddle!.Chain.Select(c => c.Id));
        Assert.Equal([RenewalStatus.Renewed, RenewalStatus.Renewed], fromTheMiddle.Chain.Take(2).Select(c => c.Status));
        Assert.Equal(third.Id, fromTheMiddle.RenewedById);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already been renewed", string.Concat((await again.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors["Id"]));
        var page = await manager.Client.GetStringAsync($"/contracts/{second.Id}");
        Assert.Contains(original.ExternalId, page);
        Assert.DoesNotContain($"/contracts/{second.Id}/renew", page);
    }

    [DbFact]
    public async Task Editing_a_contract_through_the_API_is_audited_a_cycle_is_refused_and_a_stale_version_answers_409()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var first = await app.ContractAsync(manager.Own.Id, Today.AddYears(-2), Today.AddYears(-1));
        var second = await app.ContractAsync(manager.Own.Id, Today.AddYears(-1).AddDays(1), Today.AddMonths(6), first.Id);
        var original = await manager.Client.GetFromJsonAsync<ContractDetails.Result>($"/api/contracts/{first.Id}", Json.Options);
        await app.ClearStaleAsync(manager.Own.Id);

        object Edit(decimal value, Guid? renewedFrom = null) => new
        {
            original!.AccountId, original.Start, original.End, AnnualValue = value, RenewedFromId = renewedFrom, original.Version, DeviceIds = Array.Empty<Guid>(),
        };
        var cycle = await manager.Client.PutAsJsonAsync($"/api/contracts/{first.Id}", Edit(1m, second.Id), Json.Options);
        var ok = await manager.Client.PutAsJsonAsync($"/api/contracts/{first.Id}", Edit(9999m), Json.Options);
        var stale = await manager.Client.PutAsJsonAsync($"/api/contracts/{first.Id}", Edit(1m), Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal(["RenewedFromId"], (await cycle.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var (audit, marked, value) = await app.WithDbAsync(async (db, _) => (
            await db.AuditEntries.Where(e => e.EntityId == first.Id.ToString() && e.Action == AuditAction.Update).ToListAsync(),
            await db.StaleAccounts.AnyAsync(s => s.AccountId == manager.Own.Id),
            (await db.ServiceContracts.SingleAsync(c => c.Id == first.Id)).AnnualValue));
        Assert.Equal(9999m, value);
        Assert.Contains(audit, e => e.Field == nameof(ServiceContract.AnnualValue) && decimal.Parse(e.NewValue!, System.Globalization.CultureInfo.InvariantCulture) == 9999m);
        Assert.True(marked);
    }

    [DbFact]
    public async Task Dates_at_the_end_of_the_calendar_are_refused_naming_the_field_through_the_API_the_form_and_a_renewal()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var previous = await app.ContractAsync(manager.Own.Id, Today.AddYears(-1), Today.AddMonths(1));
        var formPage = $"/accounts/{manager.Own.Id}/contracts/new";

        var byApi = await manager.Client.PostAsJsonAsync("/api/contracts",
            new { AccountId = manager.Own.Id, Start = new DateOnly(9999, 1, 1), End = new DateOnly(9999, 6, 1), AnnualValue = 1m }, Json.Options);
        var lastDay = await manager.Client.PostAsJsonAsync("/api/contracts",
            new { AccountId = manager.Own.Id, Start = DateOnly.MaxValue, End = DateOnly.MaxValue, AnnualValue = 1m }, Json.Options);
        var byForm = await AppFactory.PostFormAsync(manager.Client, formPage, formPage, new Dictionary<string, string?>
        {
            ["ExternalId"] = Unique("SC"), ["Start"] = "9999-01-01", ["End"] = "9999-12-31", ["AnnualValue"] = "1",
        });
        var renewal = await manager.Client.PostAsJsonAsync($"/api/contracts/{previous.Id}/renew", new { Start = DateOnly.MaxValue }, Json.Options);

        foreach (var response in new[] { byApi, lastDay, renewal })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
            Assert.Contains("Start", problem!.Errors.Keys);
            Assert.Contains("years ahead", string.Concat(problem.Errors["Start"]));
        }

        Assert.Equal(HttpStatusCode.BadRequest, byForm.StatusCode);
        Assert.Contains("years ahead", await byForm.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.ServiceContracts.CountAsync(c => c.AccountId == manager.Own.Id)));
    }

    [DbFact]
    public async Task The_contract_list_finds_contracts_expiring_within_N_days_that_are_not_yet_renewed()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var soon = await app.ContractAsync(manager.Own.Id, Today.AddMonths(-11), Today.AddDays(20));
        var renewedSoon = await app.ContractAsync(manager.Own.Id, Today.AddMonths(-11), Today.AddDays(10));
        await app.ContractAsync(manager.Own.Id, Today.AddDays(11), Today.AddYears(1), renewedSoon.Id);
        var later = await app.ContractAsync(manager.Own.Id, Today.AddMonths(-6), Today.AddDays(200));
        var ended = await app.ContractAsync(manager.Own.Id, Today.AddYears(-2), Today.AddDays(-1));

        var expiring = await manager.Client.GetFromJsonAsync<PagedResult<ContractList.Row>>($"/api/contracts?accountId={manager.Own.Id}&expiringWithinDays=30", Json.Options);
        var current = await manager.Client.GetFromJsonAsync<PagedResult<ContractList.Row>>($"/api/contracts?accountId={manager.Own.Id}&currentOnly=true", Json.Options);
        var all = await manager.Client.GetFromJsonAsync<PagedResult<ContractList.Row>>($"/api/contracts?accountId={manager.Own.Id}&pageSize=2&page=2", Json.Options);
        var html = await manager.Client.GetStringAsync($"/contracts?AccountId={manager.Own.Id}&ExpiringWithinDays=30");
        var account = await manager.Client.GetStringAsync($"/accounts/{manager.Own.Id}");

        Assert.Equal([soon.Id], expiring!.Items.Select(c => c.Id));
        Assert.Equal(RenewalStatus.Expiring, expiring.Items[0].Status);
        Assert.Equal([renewedSoon.Id, soon.Id, later.Id], current!.Items.Select(c => c.Id));
        Assert.Equal([RenewalStatus.Renewed, RenewalStatus.Expiring, RenewalStatus.Active], current.Items.Select(c => c.Status));
        Assert.Equal((5, 2), (all!.TotalCount, all.Items.Count));
        Assert.Contains(soon.ExternalId, html);
        Assert.DoesNotContain(later.ExternalId, html);
        Assert.Contains(soon.ExternalId, account);
        Assert.DoesNotContain(ended.ExternalId, account);
    }

    [DbFact]
    public async Task A_rep_reads_contracts_of_their_accounts_but_cannot_change_or_renew_them()
    {
        var rep = await app.SignedInAsync(Roles.Rep);
        var contract = await app.ContractAsync(rep.Own.Id, Today.AddMonths(-1), Today.AddMonths(11));

        var details = await rep.Client.GetAsync($"/contracts/{contract.Id}");
        var renewForm = await rep.Client.GetAsync($"/contracts/{contract.Id}/renew");
        var renew = await rep.Client.PostAsJsonAsync($"/api/contracts/{contract.Id}/renew", new { }, Json.Options);
        var create = await rep.Client.PostAsJsonAsync("/api/contracts", new { AccountId = rep.Own.Id, Start = Today, End = Today.AddYears(1) }, Json.Options);

        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.DoesNotContain("/renew", await details.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, renewForm.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, renew.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [DbFact]
    public async Task A_foreign_account_contract_or_device_answers_404_or_is_refused_on_every_contract_route()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var rep = await app.SignedInAsync(Roles.Rep);
        var product = await app.ProductAsync(ProductCategory.Capital);
        var foreignDevice = await app.DeviceAsync(manager.Foreign.Id, product.Id);
        var contract = await app.ContractAsync(manager.Foreign.Id, Today.AddMonths(-1), Today.AddMonths(11));
        var repsForeign = await app.ContractAsync(rep.Foreign.Id, Today.AddMonths(-1), Today.AddMonths(11));

        foreach (var url in new[]
                 {
                     $"/contracts/{contract.Id}", $"/contracts/{contract.Id}/edit", $"/contracts/{contract.Id}/renew",
                     $"/accounts/{manager.Foreign.Id}/contracts/new", $"/api/contracts/{contract.Id}",
                 })
        {
            var response = await manager.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)response.StatusCode}");
        }

        foreach (var url in new[] { $"/contracts/{repsForeign.Id}", $"/api/contracts/{repsForeign.Id}" })
        {
            var response = await rep.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"rep GET {url} answered {(int)response.StatusCode}");
        }

        var fields = new Dictionary<string, string?>
        {
            ["Id"] = contract.Id.ToString(), ["AccountId"] = manager.Foreign.Id.ToString(), ["Version"] = contract.Version.ToString(),
            ["Start"] = Iso(Today), ["End"] = Iso(Today.AddYears(1)), ["AnnualValue"] = "1",
        };
        foreach (var url in new[] { $"/contracts/{contract.Id}/edit", $"/contracts/{contract.Id}/renew", $"/accounts/{manager.Foreign.Id}/contracts/new" })
        {
            var response = await AppFactory.PostWithSessionTokenAsync(manager.Client, "/", url, fields);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        var create = await manager.Client.PostAsJsonAsync("/api/contracts", new { AccountId = manager.Foreign.Id, Start = Today, End = Today.AddYears(1) }, Json.Options);
        var put = await manager.Client.PutAsJsonAsync($"/api/contracts/{contract.Id}",
            new { AccountId = manager.Foreign.Id, Start = Today, End = Today.AddYears(1), contract.Version }, Json.Options);
        var renew = await manager.Client.PostAsJsonAsync($"/api/contracts/{contract.Id}/renew", new { }, Json.Options);
        var renewsForeign = await manager.Client.PostAsJsonAsync("/api/contracts",
            new { AccountId = manager.Own.Id, Start = Today, End = Today.AddYears(1), RenewedFromId = contract.Id }, Json.Options);
        var coversForeign = await manager.Client.PostAsJsonAsync("/api/contracts",
            new { AccountId = manager.Own.Id, Start = Today, End = Today.AddYears(1), DeviceIds = new[] { foreignDevice.Id } }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, renew.StatusCode);
        Assert.Equal(["RenewedFromId"], (await renewsForeign.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(["DeviceIds"], (await coversForeign.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);

        var (stored, count) = await app.WithDbAsync(async (db, _) => (
            await db.ServiceContracts.SingleAsync(c => c.Id == contract.Id), await db.ServiceContracts.CountAsync(c => c.RenewedFromId == contract.Id)));
        Assert.Equal((contract.Version, 12000m, 0), (stored.Version, stored.AnnualValue, count));
    }
}

public sealed class ContractsTestsOnSqlite(SqliteAppFactory app) : ContractsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class ContractsTestsOnPostgreSql(PostgreSqlAppFactory app) : ContractsTests(app), IClassFixture<PostgreSqlAppFactory>;
