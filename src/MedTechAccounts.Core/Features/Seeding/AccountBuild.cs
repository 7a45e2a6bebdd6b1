using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>Capital we sold: devices installed together after one order.</summary>
internal sealed record PurchaseLot(DeviceKind Kind, IReadOnlyList<InstalledDevice> Devices, DateOnly OrderDate, DateOnly InstallDate);

/// <summary>One contract year of a service contract, billed as a renewal order.</summary>
internal sealed record ServiceBill(DateOnly Date, ProductSpec Plan, int Devices, decimal ListAmount, decimal NetAmount);

/// <summary>An account while its rows are generated; the generators fill it in order and read what earlier ones made.</summary>
internal sealed class AccountBuild(AccountSlot slot, SeedRandom random, Team team, TimeZoneInfo zone)
{
    public AccountSlot Slot { get; } = slot;
    public SeedRandom Random { get; } = random;

    /// <summary>Decides which past next steps are still open, apart from <see cref="Random"/> so no other fact moves with it.</summary>
    public SeedRandom NextSteps { get; init; } = random;
    public Team Team { get; } = team;
    public TimeZoneInfo Zone { get; } = zone;
    public Account Account { get; set; } = null!;
    public List<Contact> Contacts { get; } = [];
    public List<InstalledDevice> Devices { get; } = [];
    public List<PurchaseLot> Purchases { get; } = [];
    public List<ServiceBill> ServiceBills { get; } = [];
    public List<ServiceIncident> Incidents { get; } = [];

    /// <summary>Days without any interaction after the planted post-sale purchase.</summary>
    public (DateOnly From, DateOnly To)? Silence { get; set; }

    /// <summary>For lost accounts, the day the relationship ended.</summary>
    public DateOnly? LostOn { get; set; }

    public bool Has(PlantedPattern defect) => Slot.Pattern.Has(defect);

    public bool IsCustomer => Slot.Status == AccountStatus.Customer;

    /// <summary>The UTC instant of a local wall-clock time at the account's site.</summary>
    public DateTime Utc(DateOnly day, double localHours)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).AddMinutes(Math.Floor(localHours * 60));
        if (Zone.IsInvalidTime(local))
        {
            // The hour skipped when clocks spring forward.
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    /// <summary>Local wall-clock time at the site of a UTC instant.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);
}
