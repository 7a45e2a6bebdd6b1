using System.Text;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.UnitTests.Features.Admin;
using MedTechAccounts.UnitTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Interchange;

/// <summary>Parsing and checking of every kind: each bad line gives exactly the expected <c>line N: column: reason</c>.</summary>
public sealed class ImportParsingTests : IDisposable
{
    private readonly InMemoryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<ImportCsv.Result> ImportAsync(string kind, string csv, ICurrentUser? user = null)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await new ImportCsv.Handler(_database.Db, user ?? SystemUser.Instance, _database.Clock)
            .Handle(new ImportCsv.Command(kind, content), CancellationToken.None);
    }

    private async Task<string[]> ErrorsAsync(string kind, string csv) =>
        [.. (await ImportAsync(kind, csv)).Errors.Select(e => e.ToString())];

    /// <summary>Territory North (region East), rep@x.test, products VENT-1 (capital) and FILT-1, account ACC-1 with contact CON-1 and device SN-1.</summary>
    private async Task SeedAsync()
    {
        var territory = await _database.AddTerritoryAsync("North", "East");
        await _database.AddUserAsync("rep@x.test");
        var db = _database.Db;
        var vent = new Product { Sku = "VENT-1", Name = "Vent", Family = "Ventilation", Category = ProductCategory.Capital, ListPrice = 100m, ServiceLifeMonths = 96 };
        var filter = new Product { Sku = "FILT-1", Name = "Filter", Family = "Ventilation", Category = ProductCategory.Consumable, ListPrice = 1m };
        var account = new Account { ExternalId = "ACC-1", Name = "General", TerritoryId = territory.Id, Segment = AccountSegment.Community, Status = AccountStatus.Customer };
        var other = new Account { ExternalId = "ACC-2", Name = "Other", TerritoryId = territory.Id, Segment = AccountSegment.Clinic, Status = AccountStatus.Customer };
        db.AddRange(vent, filter, account, other,
            new Contact { ExternalId = "CON-1", Account = account, Name = "Dana", Role = ContactRole.Biomed, Influence = ContactInfluence.User },
            new InstalledDevice { SerialNumber = "SN-1", Product = vent, Account = account, InstallDate = new DateOnly(2020, 1, 1) });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    [Fact]
    public async Task The_header_must_name_every_column_once_and_no_other()
    {
        Assert.Equal(
            ["line 1: colour: unknown column (expected name,region)", "line 1: name: duplicate column", "line 1: region: missing column"],
            await ErrorsAsync("territories", "Name,colour,NAME\nx,y,z\n"));
        Assert.Equal(["line 1: header: the file is empty; expected the header name,region"], await ErrorsAsync("territories", ""));
    }

    [Fact]
    public async Task Quoting_problems_and_bytes_that_are_not_UTF_8_name_their_line_and_column()
    {
        var csv = Encoding.UTF8.GetBytes("name,region\nNorth,ab\"c\n\"South\"x,East\nCaf").Concat(Encoding.Latin1.GetBytes("\u00e9,West\n")).ToArray();
        using var content = new MemoryStream(csv);

        var result = await new ImportCsv.Handler(_database.Db, SystemUser.Instance, _database.Clock).Handle(new ImportCsv.Command("territories", content), CancellationToken.None);

        Assert.Equal(
            ["line 2: region: a quote inside an unquoted cell", "line 3: name: text after the closing quote of a cell", "line 4: name: is not UTF-8 text (save the file as UTF-8)"],
            result.Errors.Select(e => e.ToString()));
        Assert.False(await _database.Db.Territories.AnyAsync());
    }

    [Fact]
    public async Task Lines_are_counted_in_the_file_across_quoted_multi_line_cells_and_blank_lines()
    {
        var csv = "name,region\r\n\"A\r\nB\",East\r\n\r\n\"C\nD\nE\",\n,West\nX,Y,Z\n\"open,East\n";

        Assert.Equal(
            ["line 5: region: is required", "line 8: name: is required", "line 9: row: has 3 cells, the header has 2", "line 10: name: a quoted cell is not closed"],
            await ErrorsAsync("territories", csv));
        Assert.False(await _database.Db.Territories.AnyAsync());
    }

    [Fact]
    public async Task Territories_and_products_report_bad_values_and_duplicate_keys()
    {
        Assert.Equal(
            ["line 3: name: duplicate key, first on line 2"],
            await ErrorsAsync("territories", "name,region\nNorth,East\nnorth ,West\n"));
        Assert.Equal(
            [
                "line 2: category: 'Gadget' is not one of Capital, Consumable, ServiceContract, Software",
                "line 2: list_price: '1,5' is not a number (use '.' as decimal point, no thousands separators)",
                "line 2: service_life_months: 'ten' is not a whole number",
                "line 3: service_life_months: capital equipment needs a service life of at least one month",
                "line 4: sku: may contain letters, digits, '.', '_' and '-' only",
                "line 4: list_price: may have at most 2 decimals",
                "line 5: list_price: must be zero or more",
                "line 5: service_life_months: must be between 0 and 600",
            ],
            await ErrorsAsync("products",
                "sku,name,family,category,list_price,service_life_months\n" +
                "P-1,Pump,Infusion,Gadget,\"1,5\",ten\n" +
                "P-2,Pump,Infusion,Capital,10,0\n" +
                "P 3,Pump,Infusion,Consumable,1.005,0\n" +
                "P-4,Pump,Infusion,Software,-1,601\n"));
    }

    [Fact]
    public async Task Users_need_a_known_role_territories_for_field_roles_and_a_region_for_managers()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: email: 'not-an-email' is not an e-mail address",
                "line 2: role: 'Boss' is not one of Product, Rep, Manager, Executive, Admin",
                "line 3: territories: unknown territory 'South'",
                "line 4: territories: territories are assigned to reps and managers only",
                "line 5: region: is required for a manager",
                "line 6: region: unknown region 'West' (no territory is in it)",
                "line 7: region: only managers have a region; leave it empty",
                "line 8: email: duplicate key, first on line 3",
            ],
            await ErrorsAsync("users",
                "email,name,role,territories,region\n" +
                "not-an-email,A,Boss,,\n" +
                "b@x.test,B,Rep,North;South,\n" +
                "c@x.test,C,Admin,North,\n" +
                "d@x.test,D,Manager,,\n" +
                "e@x.test,E,Manager,,West\n" +
                "f@x.test,F,Rep,North,East\n" +
                "B@X.TEST,B,Rep,,\n"));
    }

    [Fact]
    public async Task An_administrator_cannot_take_away_their_own_admin_role_by_import()
    {
        var me = await _database.AddUserAsync("me@x.test");
        var result = await ImportAsync("users", "email,name,role,territories,region\nme@x.test,Me,Executive,,\n", new FakeCurrentUser(me.Id, Roles.Admin));

        Assert.Equal(["line 2: role: you cannot remove your own administrator role"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Accounts_resolve_territory_owner_and_parent_and_refuse_a_parent_loop()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: parent_external_id: 'NEW-2' would make the account its own ancestor",
                "line 3: parent_external_id: 'NEW-1' would make the account its own ancestor",
                "line 4: parent_external_id: an account cannot be its own parent",
                "line 5: beds: must be between 0 and 5000",
                "line 5: owner_rep_email: unknown user 'ghost@x.test'",
                "line 6: parent_external_id: unknown account 'NOPE'",
            ],
            await ErrorsAsync("accounts",
                "external_id,name,parent_external_id,segment,beds,territory,owner_rep_email,status,city,state\n" +
                "NEW-1,One,NEW-2,Clinic,,North,,Prospect,,\n" +
                "NEW-2,Two,NEW-1,Clinic,,North,,Prospect,,\n" +
                "NEW-3,Three,NEW-3,Clinic,,North,,Prospect,,\n" +
                "NEW-4,Four,,ASC,5001,North,ghost@x.test,Customer,,\n" +
                "NEW-5,Five,NOPE,ASC,1,North,rep@x.test,Customer,,\n"));
    }

    [Fact]
    public async Task A_child_may_name_a_parent_defined_later_in_the_same_file()
    {
        await SeedAsync();
        var result = await ImportAsync("accounts",
            "external_id,name,parent_external_id,segment,beds,territory,owner_rep_email,status,city,state\n" +
            "KID,Kid,MOM,Clinic,,North,rep@x.test,Prospect,,\n" +
            "MOM,Mom,,Academic,800,north,,Customer,Austin,TX\n");
        await _database.Db.SaveChangesAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var kid = await _database.Db.Accounts.Include(a => a.ParentAccount).SingleAsync(a => a.ExternalId == "KID");
        Assert.Equal("MOM", kid.ParentAccount!.ExternalId);
    }

    [Fact]
    public async Task Contacts_and_devices_check_accounts_products_and_dates()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: account_external_id: unknown account 'ACC-9'",
                "line 2: role: 'Doctor' is not one of Clinician, Nursing, Biomed, Purchasing, Executive, IT",
                "line 2: phone: may contain digits, spaces and + ( ) - . x only",
            ],
            await ErrorsAsync("contacts", "external_id,account_external_id,name,title,role,influence,email,phone\nC-9,ACC-9,Pat,,Doctor,User,,call me\n"));
        Assert.Equal(
            [
                "line 2: sku: 'FILT-1' is not a capital product",
                "line 2: install_date: '12/03/2022' is not a date as YYYY-MM-DD",
                "line 3: install_date: must be between 1970-01-01 and today",
                "line 3: warranty_end: must not be before install_date",
                "line 5: serial_number: duplicate key, first on line 4",
            ],
            await ErrorsAsync("devices",
                "serial_number,sku,account_external_id,department,install_date,warranty_end,contract_end,status,competitor\n" +
                "SN-2,FILT-1,ACC-1,,12/03/2022,,,Active,\n" +
                "SN-3,VENT-1,ACC-1,,2030-01-01,2029-01-01,,Active,\n" +
                "SN-4,VENT-1,ACC-1,,2020-01-01,,,Active,\n" +
                "SN-4,vent-1,ACC-2,,2020-01-01,,,Active,\n"));
    }

    [Fact]
    public async Task Incidents_need_the_device_at_the_account_and_times_in_order_with_an_offset()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: serial_number: device 'SN-1' is not in the install base of account 'ACC-2'",
                "line 2: opened_at: '2025-06-01T10:00:00' is not an ISO 8601 timestamp with offset or Z (such as 2026-03-12T14:30:00Z)",
                "line 3: first_response_at: must not be before opened_at",
                "line 3: resolved_at: must not be before opened_at",
                "line 3: after_hours: 'yes' is not true or false",
            ],
            await ErrorsAsync("incidents",
                "external_id,account_external_id,serial_number,sku,opened_at,severity,category,first_response_at,resolved_at,after_hours,responder_email\n" +
                "I-1,ACC-2,SN-1,VENT-1,2025-06-01T10:00:00,Major,Alarm,,,false,\n" +
                "I-2,ACC-1,SN-1,VENT-1,2025-06-01T10:00:00-05:00,Major,Alarm,2025-06-01T14:00:00Z,2025-06-01T12:30:00-01:00,yes,rep@x.test\n"));
    }

    [Fact]
    public async Task Interactions_check_sentiment_contacts_devices_and_the_next_step()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: contact_external_ids: contact 'CON-1' is not at account 'ACC-2'",
                "line 2: serial_numbers: no device 'SN-1' in the install base of account 'ACC-2'",
                "line 2: sentiment: must be between -2 and 2",
                "line 3: type: 'Lunch' is not one of Visit, Call, Email, InServiceTraining, BusinessReview, IncidentFollowUp, Demo",
                "line 3: next_step_due: needs a next_step",
                "line 4: rep_email: unknown user 'ghost@x.test'",
                "line 4: next_step_due: must not be before the date of occurred_at",
            ],
            await ErrorsAsync("interactions",
                "external_id,account_external_id,rep_email,occurred_at,type,contact_external_ids,serial_numbers,sentiment,notes,voice_of_customer,next_step,next_step_due\n" +
                "V-1,ACC-2,rep@x.test,2025-07-01T15:00:00Z,Visit,CON-1,SN-1,3,,,,\n" +
                "V-2,ACC-1,rep@x.test,2025-07-01T15:00:00Z,Lunch,CON-1,SN-1,0,,,,2025-07-02\n" +
                "V-3,ACC-1,ghost@x.test,2025-07-01T15:00:00Z,Call,,,-2,,,Call back,2025-06-01\n"));
    }

    [Fact]
    public async Task A_serial_shared_by_two_products_at_an_account_is_written_with_its_sku()
    {
        await SeedAsync();
        var db = _database.Db;
        var account = await db.Accounts.SingleAsync(a => a.ExternalId == "ACC-1");
        db.Products.Add(new Product { Sku = "PUMP-1", Name = "Pump", Family = "Infusion", Category = ProductCategory.Capital, ListPrice = 1m, ServiceLifeMonths = 60 });
        await db.SaveChangesAsync();
        db.Devices.Add(new InstalledDevice
        {
            SerialNumber = "SN-1", ProductId = (await db.Products.SingleAsync(p => p.Sku == "PUMP-1")).Id, AccountId = account.Id, InstallDate = new DateOnly(2021, 1, 1),
        });
        await db.SaveChangesAsync();
        const string header = "external_id,account_external_id,rep_email,occurred_at,type,contact_external_ids,serial_numbers,sentiment,notes,voice_of_customer,next_step,next_step_due\n";

        var ambiguous = await ErrorsAsync("interactions", header + "V-1,ACC-1,rep@x.test,2025-07-01T15:00:00Z,Visit,,SN-1,0,,,,\n");
        var result = await ImportAsync("interactions", header + "V-1,ACC-1,rep@x.test,2025-07-01T15:00:00Z,Visit,,SN-1@PUMP-1,0,,Alarm too loud;No spare filters,,\n");
        await db.SaveChangesAsync();
        using var output = new MemoryStream();
        await new ExportCsv.Handler(db, SystemUser.Instance).Handle(new ExportCsv.Query("interactions", output), CancellationToken.None);

        Assert.Equal(["line 2: serial_numbers: serial 'SN-1' is ambiguous at account 'ACC-1' (several products); write it as SN-1@SKU"], ambiguous);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(header.Replace("\n", "\r\n", StringComparison.Ordinal) + "V-1,ACC-1,rep@x.test,2025-07-01T15:00:00Z,Visit,,SN-1@PUMP-1,0,,Alarm too loud;No spare filters,,\r\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Order_lines_must_agree_on_the_order_and_have_a_positive_quantity_and_net_at_most_list()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 3: quantity: must be between 1 and 1000000",
                "line 3: order_date: differs from line 2 of the same order",
                "line 4: net_amount: must not exceed list_amount",
                "line 5: line_no: duplicate key, first on line 2",
            ],
            await ErrorsAsync("orders",
                "order_external_id,line_no,account_external_id,order_date,type,sku,quantity,list_amount,net_amount\n" +
                "O-1,1,ACC-1,2025-03-01,Capital,VENT-1,1,100,90\n" +
                "O-1,2,ACC-1,2025-03-02,Capital,FILT-1,0,1,1\n" +
                "O-1,3,ACC-1,2025-03-01,Capital,FILT-1,1,1.00,1.01\n" +
                "O-1,1,ACC-1,2025-03-01,Capital,FILT-1,1,1,1\n"));
    }

    [Fact]
    public async Task Contracts_surveys_and_targets_check_dates_scores_and_scopes()
    {
        await SeedAsync();
        Assert.Equal(
            [
                "line 2: end: must not be before start",
                "line 3: renewed_from_external_id: unknown contract 'SC-0'",
            ],
            await ErrorsAsync("contracts",
                "external_id,account_external_id,start,end,annual_value,renewed_from_external_id\n" +
                "SC-1,ACC-1,2025-01-01,2024-12-31,100,\n" +
                "SC-2,ACC-1,2025-01-01,2025-12-31,100,SC-0\n"));
        Assert.Equal(
            [
                "line 2: nps: must be between 0 and 10",
                "line 3: contact_external_id: contact 'CON-1' is not at account 'ACC-2'",
                "line 5: date: duplicate key, first on line 4",
            ],
            await ErrorsAsync("surveys",
                "account_external_id,contact_external_id,date,nps,comment\n" +
                "ACC-1,CON-1,2025-05-01,11,\n" +
                "ACC-2,CON-1,2025-05-01,5,\n" +
                "ACC-1,,2025-05-01,5,\n" +
                "ACC-1,,2025-05-01,6,\n"));
        Assert.Equal(
            [
                "line 2: fiscal_quarter: '2026-Q5' is not a fiscal quarter as YYYY-Qn (such as 2026-Q3)",
                "line 3: scope_key: must be empty for the scope Company",
                "line 4: scope_key: unknown region 'West'",
                "line 5: scope_key: is required for the scope Rep",
                "line 6: scope_key: unknown product family 'Imaging'",
            ],
            await ErrorsAsync("targets",
                "fiscal_quarter,scope,scope_key,revenue_target\n" +
                "2026-Q5,Company,,1\n" +
                "2026-Q1,Company,ACME,1\n" +
                "2026-Q1,Region,West,1\n" +
                "2026-Q1,Rep,,1\n" +
                "2026-Q1,ProductFamily,Imaging,1\n"));
    }

    [Fact]
    public async Task Timestamps_are_stored_in_utc_and_written_with_Z()
    {
        await SeedAsync();
        var result = await ImportAsync("incidents",
            "external_id,account_external_id,serial_number,sku,opened_at,severity,category,first_response_at,resolved_at,after_hours,responder_email\n" +
            "I-1,ACC-1,SN-1,VENT-1,2025-06-01T10:00:00-05:00,Major,Alarm,2025-06-01T15:30:00.25Z,,,\n");
        await _database.Db.SaveChangesAsync();

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var incident = await _database.Db.Incidents.SingleAsync();
        Assert.Equal(new DateTime(2025, 6, 1, 15, 0, 0, DateTimeKind.Utc), incident.OpenedAt);
        Assert.Equal(IncidentStatus.Responded, incident.Status);
        Assert.Equal("2025-06-01T15:00:00Z", CsvValues.Timestamp(incident.OpenedAt));
        Assert.Equal("2025-06-01T15:30:00.25Z", CsvValues.Timestamp(incident.FirstResponseAt));
    }

    [Fact]
    public async Task Only_administrators_and_the_system_import()
    {
        var rep = new FakeCurrentUser(Guid.NewGuid(), Roles.Rep);

        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync("territories", "name,region\nA,B\n", rep));
    }

    [Theory]
    [InlineData("patients", "Kind must be one of: territories, users, products, accounts, contacts, devices, incidents, interactions, orders, contracts, surveys, targets.")]
    [InlineData("Scores", "scores can be exported only.")]
    public void The_kind_must_be_an_importable_one(string kind, string message)
    {
        var result = new ImportCsv.Validator().Validate(new ImportCsv.Command(kind, Stream.Null));

        Assert.Equal([message], result.Errors.Select(e => e.ErrorMessage));
    }
}
