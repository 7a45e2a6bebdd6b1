using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Seeding;

/// <summary>The demo profile seeded once, and its rows read back for the tests to inspect.</summary>
public sealed class DemoPortfolioFixture : IAsyncLifetime
{
    internal SeedDatabase Database { get; private set; } = null!;
    public SeedResult Result { get; private set; } = null!;
    public List<Account> Accounts { get; private set; } = [];
    public List<Contact> Contacts { get; private set; } = [];
    public List<InstalledDevice> Devices { get; private set; } = [];
    public List<ServiceIncident> Incidents { get; private set; } = [];
    public List<Interaction> Interactions { get; private set; } = [];
    public List<InteractionContact> InteractionContacts { get; private set; } = [];
    public List<InteractionDevice> InteractionDevices { get; private set; } = [];
    public List<Order> Orders { get; private set; } = [];
    public List<OrderLine> OrderLines { get; private set; } = [];
    public List<ServiceContract> Contracts { get; private set; } = [];
    public List<ServiceContractDevice> ContractDevices { get; private set; } = [];
    public List<SurveyResponse> Surveys { get; private set; } = [];
    public List<Product> Products { get; private set; } = [];
    public List<Territory> Territories { get; private set; } = [];
    public List<UserTerritory> UserTerritories { get; private set; } = [];
    public List<ApplicationUser> Users { get; private set; } = [];
    public List<IdentityUserRole<Guid>> UserRoles { get; private set; } = [];
    public List<QuarterlyTarget> Targets { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await SeedDatabase.CreateAsync();
        Result = (await Database.SeedAsync(SeedOptions.Demo(SeedDatabase.Today)))!;
        var db = Database.Db;
        Accounts = await db.Accounts.AsNoTracking().ToListAsync();
        Contacts = await db.Contacts.AsNoTracking().ToListAsync();
        Devices = await db.Devices.AsNoTracking().ToListAsync();
        Incidents = await db.Incidents.AsNoTracking().ToListAsync();
        Interactions = await db.Interactions.AsNoTracking().ToListAsync();
        InteractionContacts = await db.InteractionContacts.AsNoTracking().ToListAsync();
        InteractionDevices = await db.InteractionDevices.AsNoTracking().ToListAsync();
        Orders = await db.Orders.AsNoTracking().ToListAsync();
        OrderLines = await db.OrderLines.AsNoTracking().ToListAsync();
        Contracts = await db.ServiceContracts.AsNoTracking().ToListAsync();
        ContractDevices = await db.ServiceContractDevices.AsNoTracking().ToListAsync();
        Surveys = await db.SurveyResponses.AsNoTracking().ToListAsync();
        Products = await db.Products.AsNoTracking().ToListAsync();
        Territories = await db.Territories.AsNoTracking().ToListAsync();
        UserTerritories = await db.UserTerritories.AsNoTracking().ToListAsync();
        Users = await db.Users.AsNoTracking().ToListAsync();
        UserRoles = await db.UserRoles.AsNoTracking().ToListAsync();
        Targets = await db.QuarterlyTargets.AsNoTracking().ToListAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Accounts planted with <paramref name="defect"/>, alone or as part of AllBad.</summary>
    public List<Guid> With(PlantedPattern defect) =>
        Result.Patterns.Where(p => p.Value == defect || p.Value == PlantedPattern.AllBad).Select(p => p.Key).ToList();

    public List<Guid> Controls => Result.Patterns.Where(p => p.Value == PlantedPattern.Control).Select(p => p.Key).ToList();

    /// <summary>Customer accounts without <paramref name="defect"/>.</summary>
    public List<Guid> Without(PlantedPattern defect) =>
        Result.Patterns.Keys.Except(With(defect)).ToList();
}
