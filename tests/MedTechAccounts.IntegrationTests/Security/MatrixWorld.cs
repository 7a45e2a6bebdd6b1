using System.Net.Http.Headers;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>One caller of the matrix: a name (a column of the table), its client, and the territory it cannot see, if any.</summary>
public sealed record MatrixCaller(string Name, HttpClient Client, string? Excludes, bool CookieSession, bool ApiOnly);

/// <summary>
/// Two territories in two regions, one record of every kind a route parameter names in each (A and B), and the
/// callers of the matrix: anonymous, a rep and a manager on each side, an executive and an administrator (both with
/// an authenticator), a rep's bearer token from the tablet flow, the integration client's token and a product manager.
/// </summary>
public sealed class MatrixWorld
{
    public const string A = "A";
    public const string B = "B";

    /// <summary>The records by kind (the route segment before the parameter) and side.</summary>
    public Dictionary<(string Kind, string Side), Guid> Records { get; } = [];

    public List<MatrixCaller> Callers { get; } = [];

    public static async Task<MatrixWorld> CreateAsync(AppFactory app)
    {
        var world = new MatrixWorld();
        var regionA = $"RA-{Guid.NewGuid():N}"[..12];
        var regionB = $"RB-{Guid.NewGuid():N}"[..12];
        var territoryA = await app.CreateTerritoryAsync(regionA);
        var territoryB = await app.CreateTerritoryAsync(regionB);

        var repA = await app.CreateUserAsync(Roles.Rep, [territoryA.Id]);
        var repB = await app.CreateUserAsync(Roles.Rep, [territoryB.Id]);
        var managerA = await app.CreateUserAsync(Roles.Manager, region: regionA);
        var managerB = await app.CreateUserAsync(Roles.Manager, region: regionB);
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);
        var admin = await app.CreateUserAsync(Roles.Admin, twoFactor: true);
        // The records of the user routes are other people: an administrator's action on them must not sign a caller out.
        var userA = await app.CreateUserAsync(Roles.Rep, [territoryA.Id]);
        var userB = await app.CreateUserAsync(Roles.Rep, [territoryB.Id]);

        await world.AddSideAsync(app, A, territoryA, regionA, repA, userA);
        await world.AddSideAsync(app, B, territoryB, regionB, repB, userB);

        var anonymous = app.CreateBrowser();
        anonymous.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(anonymous, "/account/login"));
        world.Callers.Add(new MatrixCaller("anon", anonymous, null, CookieSession: true, ApiOnly: false));
        world.Callers.Add(new MatrixCaller("repA", await SignedInAsync(app, repA), B, true, false));
        world.Callers.Add(new MatrixCaller("repB", await SignedInAsync(app, repB), A, true, false));
        world.Callers.Add(new MatrixCaller("mgrA", await SignedInAsync(app, managerA), B, true, false));
        world.Callers.Add(new MatrixCaller("mgrB", await SignedInAsync(app, managerB), A, true, false));
        world.Callers.Add(new MatrixCaller("exec", await app.SignInWithCodeAsync(executive), null, true, false));
        world.Callers.Add(new MatrixCaller("admin", await app.SignInWithCodeAsync(admin), null, true, false));

        // The tablet's bearer token for rep A, from its own browser session (the cookie session above stays untouched).
        var tokens = await Oidc.TokensAsync(app, await app.SignInAsync(repA));
        world.Callers.Add(new MatrixCaller("bearerRepA", Oidc.Bearer(app, Oidc.Access(tokens)), B, false, ApiOnly: true));
        world.Callers.Add(new MatrixCaller("integration", await IntegrationAsync(app), null, false, ApiOnly: true));
        // Product managers read the customers' voice of every territory and nothing else of the accounts.
        var product = await app.SignInAsync(await app.CreateUserAsync(Roles.Product));
        product.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(product, "/voice"));
        world.Callers.Add(new MatrixCaller("product", product, null, true, false));
        return world;
    }

    /// <summary>Territory A's records only, with its rep, and no callers: for tests that bring their own.</summary>
    public static async Task<(MatrixWorld World, ApplicationUser Rep)> CreateSideAAsync(AppFactory app)
    {
        var world = new MatrixWorld();
        var region = $"RA-{Guid.NewGuid():N}"[..12];
        var territory = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        await world.AddSideAsync(app, A, territory, region, rep, await app.CreateUserAsync(Roles.Rep, [territory.Id]));
        return (world, rep);
    }

    private static async Task<HttpClient> SignedInAsync(AppFactory app, ApplicationUser user)
    {
        var client = await app.SignInAsync(user);
        await AdminClient.AddApiTokenAsync(client);
        return client;
    }

    private static async Task<HttpClient> IntegrationAsync(AppFactory app)
    {
        var client = app.CreateBrowser();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "integration", ["client_secret"] = AppFactory.IntegrationSecret, ["scope"] = "api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Integration token refused: {(int)response.StatusCode} {body}");
        }

        var token = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task AddSideAsync(AppFactory app, string side, Territory territory, string region, ApplicationUser rep, ApplicationUser user)
    {
        var ids = await app.WithDbAsync(async (db, _) =>
        {
            var suffix = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
            var product = new Product { Sku = $"MX-{side}-{suffix}", Name = $"Matrix pump {side}", Family = $"Matrix {side}", Category = ProductCategory.Capital, ListPrice = 1000m, ServiceLifeMonths = 96 };
            var account = new Account
            {
                ExternalId = $"MX-ACC-{side}-{suffix}", Name = $"Matrix Hospital {side}", TerritoryId = territory.Id, OwnerRepId = rep.Id,
                Segment = AccountSegment.Community, Status = AccountStatus.Customer, BedCount = 200, City = "Springfield", State = "IL",
            };
            var contact = new Contact { Account = account, ExternalId = $"MX-C-{side}-{suffix}", Name = $"Dr. Matrix {side}", Role = ContactRole.Biomed };
            var device = new InstalledDevice { Account = account, Product = product, SerialNumber = $"MX-SN-{side}-{suffix}", InstallDate = new DateOnly(2023, 5, 1) };
            var incident = new ServiceIncident
            {
                ExternalId = $"MX-INC-{side}-{suffix}", Device = device, Account = account, OpenedAt = DateTime.UtcNow.AddHours(-2),
                Severity = IncidentSeverity.Minor, Category = "Alarm", Status = IncidentStatus.Open,
            };
            var interaction = new Interaction
            {
                ExternalId = $"MX-INT-{side}-{suffix}", Account = account, RepId = rep.Id, OccurredAt = DateTime.UtcNow.AddDays(-1),
                Type = InteractionType.InServiceTraining, Notes = "In-service training on the pump.", Sentiment = 1,
                NextStep = "Send the quick guide", NextStepDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7),
                Source = InteractionSource.Web, TrainedProduct = product,
            };
            var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
            var signOff = new TrainingSignOff
            {
                AttendeeName = $"Nurse {side}", AttendeeRole = "ICU nurse", SignaturePng = png,
                SignatureSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), SignedAt = DateTime.UtcNow.AddDays(-1),
                RecordedById = rep.Id,
            };
            var order = new Order { ExternalId = $"MX-ORD-{side}-{suffix}", Account = account, OrderDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30), Type = OrderType.Capital };
            order.Lines.Add(new OrderLine { LineNo = 1, Product = product, Quantity = 1, ListAmount = 1000m, NetAmount = 900m });
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var contract = new ServiceContract { ExternalId = $"MX-SC-{side}-{suffix}", Account = account, Start = today.AddMonths(-6), End = today.AddMonths(6), AnnualValue = 12000m };
            var survey = new SurveyResponse { Account = account, Contact = contact, Date = today.AddDays(-10), Nps = 8 };
            var task = new EngagementTask
            {
                Account = account, Playbook = Playbook.PostSaleCheckIn, Reason = "Matrix", ValueAtStake = 1000m, Priority = 1, AssigneeId = rep.Id,
                Due = today.AddDays(7), Status = EngagementTaskStatus.Open,
            };
            var target = new QuarterlyTarget { FiscalYear = today.Year + 5, FiscalQuarter = side == A ? 1 : 2, Scope = TargetScope.Region, ScopeKey = region, RevenueTarget = 100000m };
            db.AddRange(product, account, contact, device, incident, interaction, order, contract, survey, task, target);
            await db.SaveChangesAsync();
            signOff.InteractionId = interaction.Id;
            signOff.AccountId = account.Id;
            db.Add(signOff);
            await db.SaveChangesAsync();
            return new Dictionary<string, Guid>
            {
                ["accounts"] = account.Id, ["contacts"] = contact.Id, ["devices"] = device.Id, ["incidents"] = incident.Id,
                ["interactions"] = interaction.Id, ["sign-offs"] = signOff.Id, ["orders"] = order.Id, ["contracts"] = contract.Id,
                ["surveys"] = survey.Id, ["tasks"] = task.Id, ["targets"] = target.Id, ["products"] = product.Id,
                ["territories"] = territory.Id, ["users"] = user.Id,
                // A person whose departure exposure the region's manager reads: the rep who met the side's account.
                ["people"] = rep.Id,
            };
        });
        foreach (var (kind, id) in ids)
        {
            Records[(kind, side)] = id;
        }
    }
}
