using MedTechAccounts.Core.Features.InstallBase;

namespace MedTechAccounts.Web.Features.InstallBase;

/// <summary>
/// The fleet page of one account: the whole fleet's summary, and the devices of each family — the first
/// <see cref="PreviewRows"/> of each (a link opens the rest), or one family's devices <see cref="PageSize"/> at a time.
/// The busiest accounts have hundreds of devices; a page listing them all was hundreds of KB.
/// </summary>
public sealed record FleetPage(AccountFleet.Result Fleet, string? Family, int Page)
{
    public const int PreviewRows = 10;
    public const int PageSize = 50;

    public sealed record Section(AccountFleet.FamilyGroup Group, IReadOnlyList<AccountFleet.DeviceRow> Shown, int Page);

    public IReadOnlyList<Section> Sections => Family is null
        ? [.. Fleet.Families.Select(f => new Section(f, [.. f.Devices.Take(PreviewRows)], 1))]
        : [.. Fleet.Families.Where(f => f.Family == Family).Select(f => new Section(f, [.. f.Devices.Skip((PageOf(f) - 1) * PageSize).Take(PageSize)], PageOf(f)))];

    /// <summary>The page asked for, inside the family's pages.</summary>
    private int PageOf(AccountFleet.FamilyGroup family) => Math.Clamp(Page, 1, Math.Max(1, (family.Devices.Count + PageSize - 1) / PageSize));
}
