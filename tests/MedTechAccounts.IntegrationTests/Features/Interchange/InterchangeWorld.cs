using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.Core.Infrastructure;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Interchange;

/// <summary>A small portfolio touching every kind of file, with unique keys, and helpers to export and import as the system.</summary>
public sealed record InterchangeWorld(string Suffix, Territory Territory, ApplicationUser Rep, Account Parent, Account Child, Contact Contact, Product Capital, InstalledDevice Device)
{
    public static async Task<InterchangeWorld> CreateAsync(AppFactory app)
    {
        var s = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var region = $"Region {s}";
        var territory = await app.CreateTerritoryAsync(region);
        var rep = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        await app.CreateUserAsync(Roles.Manager, region: region);
        return await app.WithDbAsync(async (db, _) =>
        {
            var capital = new Product { Sku = $"VENT-{s}", Name = $"Ventilator {s}", Family = $"Ventilation {s}", Category = ProductCategory.Capital, ListPrice = 32500.5m, ServiceLifeMonths = 96 };
            var consumable = new Product { Sku = $"FILT-{s}", Name = "Filter, \"HEPA\" pack", Family = $"Ventilation {s}", Category = ProductCategory.Consumable, ListPrice = 19.99m };
            var parent = new Account { ExternalId = $"IDN-{s}", Name = $"Health system {s}", Segment = AccountSegment.Academic, TerritoryId = territory.Id, Status = AccountStatus.Customer };
            var child = new Account
            {
                ExternalId = $"ACC-{s}", Name = $"St. Mary's, {s}", ParentAccount = parent, Segment = AccountSegment.Community, BedCount = 320, TerritoryId = territory.Id,
                OwnerRepId = rep.Id, Status = AccountStatus.Customer, City = "Springfield", State = "IL",
            };
            var contact = new Contact { ExternalId = $"CON-{s}", Account = child, Name = "Dana Biomed", Title = "Biomed lead", Role = ContactRole.Biomed, Influence = ContactInfluence.DecisionMaker, Email = $"dana.{s}@hospital.test", PreferredChannel = ContactChannel.Email };
            var device = new InstalledDevice { SerialNumber = $"SN-{s}-1", Product = capital, Account = child, Department = "ICU", InstallDate = new DateOnly(2022, 3, 12), WarrantyEnd = new DateOnly(2025, 3, 12), Status = DeviceStatus.Active };
            var rival = new InstalledDevice { SerialNumber = $"SN-{s}-2", Product = capital, Account = child, InstallDate = new DateOnly(2021, 1, 5), Status = DeviceStatus.Active, Competitor = "Rival Medical" };
            var incident = new ServiceIncident
            {
                ExternalId = $"INC-{s}", Device = device, Account = child, OpenedAt = new DateTime(2025, 6, 1, 22, 15, 0, DateTimeKind.Utc), Severity = IncidentSeverity.Critical,
                Category = "Alarm", FirstResponseAt = new DateTime(2025, 6, 2, 1, 0, 0, DateTimeKind.Utc), ResolvedAt = new DateTime(2025, 6, 3, 9, 30, 12, 250, DateTimeKind.Utc),
                AfterHours = true, ResponderId = rep.Id, Status = IncidentStatus.Resolved,
            };
            var interaction = new Interaction
            {
                ExternalId = Guid.NewGuid().ToString(), Account = child, RepId = rep.Id, OccurredAt = new DateTime(2025, 7, 1, 15, 0, 0, 123, DateTimeKind.Utc),
                Type = InteractionType.Visit, Sentiment = -2, Notes = "Met the team.\nThey asked, \"when?\"", VoiceOfCustomer = "Alarms too loud\nFilters run out",
                NextStep = "Send alarm guide", NextStepDue = new DateOnly(2025, 7, 15), Source = InteractionSource.Web,
            };
            interaction.Contacts.Add(new InteractionContact { InteractionId = interaction.Id, ContactId = contact.Id });
            interaction.Devices.Add(new InteractionDevice { InteractionId = interaction.Id, DeviceId = device.Id });
            var order = new Order { ExternalId = $"ORD-{s}", Account = child, OrderDate = new DateOnly(2025, 3, 28), Type = OrderType.Capital };
            order.Lines.Add(new OrderLine { Id = Guid.NewGuid(), LineNo = 1, Product = capital, Quantity = 2, ListAmount = 65001m, NetAmount = 52000.4m });
            order.Lines.Add(new OrderLine { Id = Guid.NewGuid(), LineNo = 2, Product = consumable, Quantity = 40, ListAmount = 799.6m, NetAmount = 799.6m });
            var first = new ServiceContract { ExternalId = $"SC-{s}-1", Account = child, Start = new DateOnly(2023, 1, 1), End = new DateOnly(2023, 12, 31), AnnualValue = 12000m };
            var renewal = new ServiceContract { ExternalId = $"SC-{s}-2", Account = child, Start = new DateOnly(2024, 1, 1), End = new DateOnly(2024, 12, 31), AnnualValue = 12500m, RenewedFrom = first };
            var survey = new SurveyResponse { Account = child, ContactId = contact.Id, Date = new DateOnly(2025, 5, 2), Nps = 9, Comment = "Great, fast service" };
            var anonymous = new SurveyResponse { Account = child, Date = new DateOnly(2025, 5, 2), Nps = 3 };
            db.AddRange(capital, consumable, parent, child, contact, device, rival, incident, interaction, order, first, renewal, survey, anonymous);
            db.QuarterlyTargets.AddRange(
                new QuarterlyTarget { FiscalYear = 2031, FiscalQuarter = 1, Scope = TargetScope.Territory, ScopeKey = territory.Name, RevenueTarget = 250000m },
                new QuarterlyTarget { FiscalYear = 2031, FiscalQuarter = 1, Scope = TargetScope.Region, ScopeKey = region, RevenueTarget = 900000m },
                new QuarterlyTarget { FiscalYear = 2031, FiscalQuarter = 2, Scope = TargetScope.Rep, ScopeKey = rep.Email!, RevenueTarget = 125000.5m },
                new QuarterlyTarget { FiscalYear = 2031, FiscalQuarter = 2, Scope = TargetScope.ProductFamily, ScopeKey = capital.Family, RevenueTarget = 50000m });
            await db.SaveChangesAsync();
            return new InterchangeWorld(s, territory, rep, parent, child, contact, capital, device);
        });
    }
}

/// <summary>Export and import through the real pipeline as the system (as the command line runs them).</summary>
public static class Interchange
{
    public static Task<string> ExportAsync(this AppFactory app, string kind) => AsSystemAsync(app, async sender =>
    {
        using var output = new MemoryStream();
        await sender.Send(new ExportCsv.Query(kind, output));
        return Encoding.UTF8.GetString(output.ToArray());
    });

    public static Task<ImportCsv.Result> ImportAsync(this AppFactory app, string kind, string csv) => AsSystemAsync(app, async sender =>
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await sender.Send(new ImportCsv.Command(kind, content));
    });

    /// <summary>Uploads a file through the administrators' import form, as a browser posts it.</summary>
    public static Task<HttpResponseMessage> PostImportAsync(this HttpClient client, string token, string kind, string csv) =>
        client.PostImportAsync(token, kind, Encoding.UTF8.GetBytes(csv));

    public static Task<HttpResponseMessage> PostImportAsync(
        this HttpClient client, string token, string kind, byte[] content, bool confirmedNoPatientInformation = false)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "Kind" },
            { new StringContent(token), "__RequestVerificationToken" },
            { file, "File", $"{kind}.csv" },
        };
        if (confirmedNoPatientInformation)
        {
            form.Add(new StringContent("true"), "ConfirmedNoPatientInformation");
        }

        return client.PostAsync("/admin/interchange/import", form);
    }

    /// <summary>The problems the refused-import page lists, parsed back from <c>line N: column: reason</c>.</summary>
    public static async Task<IReadOnlyList<CsvError>> ImportErrorsAsync(this HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var list = Regex.Match(html, "<ul[^>]*id=\"import-errors\"[^>]*>(.*?)</ul>", RegexOptions.Singleline);
        return [.. Regex.Matches(list.Groups[1].Value, "<li>(.*?)</li>", RegexOptions.Singleline)
            .Select(item => Regex.Match(WebUtility.HtmlDecode(item.Groups[1].Value), "^line ([0-9]+): (.*?): (.*)$", RegexOptions.Singleline))
            .Select(m => new CsvError(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value))];
    }

    private static async Task<T> AsSystemAsync<T>(AppFactory app, Func<ISender, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActingUser>().User = SystemUser.Instance;
        return await work(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}
