using System.Globalization;
using FluentValidation;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>The fields a device form edits, shared by <see cref="AddDevice"/> and <see cref="EditDevice"/>.</summary>
public interface IDeviceFields
{
    Guid ProductId { get; }
    string SerialNumber { get; }
    string? Department { get; }
    DateOnly InstallDate { get; }
    DateOnly? WarrantyEnd { get; }
    DateOnly? ContractEnd { get; }

    /// <summary>The maker's name when the device is a competitor's; empty for our own devices.</summary>
    string? Competitor { get; }
}

/// <summary>
/// Validation of device fields: a capital product from the catalog, a serial number unique per product
/// (across every account, not only those the caller sees), and dates in order with the install not in the future.
/// </summary>
public sealed class DeviceFieldsValidator<T> : AbstractValidator<T> where T : IDeviceFields
{
    public static readonly DateOnly EarliestInstallDate = new(1970, 1, 1);

    /// <param name="db">The scoped context.</param>
    /// <param name="clock">Gives "today" (UTC) for the not-in-the-future rule.</param>
    /// <param name="self">The id of the device being edited (null when adding), so its own serial is not a duplicate.</param>
    public DeviceFieldsValidator(AppDbContext db, TimeProvider clock, Func<T, Guid?> self)
    {
        RuleFor(d => d.ProductId).NotEmpty()
            .MustAsync(async (id, ct) => await db.Products.AnyAsync(p => p.Id == id && p.Category == ProductCategory.Capital, ct))
            .WithMessage("Product must be a capital product from the catalog.");
        RuleFor(d => d.SerialNumber).NotEmpty().MaximumLength(100)
            .Matches("^[A-Za-z0-9][A-Za-z0-9 ._/-]*$").WithMessage("Serial number may contain letters, digits, spaces and . _ / - only.");
        RuleFor(d => d.SerialNumber)
            .MustAsync(async (device, serial, ct) =>
            {
                var trimmed = serial.Trim();
                var id = self(device);
                return await db.Devices.IsFreeAsync(d => d.ProductId == device.ProductId && d.SerialNumber == trimmed && d.Id != id, ct);
            })
            .When(d => d.ProductId != Guid.Empty && !string.IsNullOrWhiteSpace(d.SerialNumber))
            .WithMessage("This serial number is already recorded for this product.");
        RuleFor(d => d.Department).MaximumLength(100);
        RuleFor(d => d.Competitor).MaximumLength(100);
        RuleFor(d => d.InstallDate).NotEmpty()
            .GreaterThanOrEqualTo(EarliestInstallDate).WithMessage("Install date must be in 1970 or later.")
            .Must(date => date <= Today(clock)).WithMessage("Install date cannot be in the future.");
        RuleFor(d => d.WarrantyEnd).Must((d, end) => end is null || end >= d.InstallDate)
            .WithMessage("Warranty end cannot be before the install date.");
        RuleFor(d => d.ContractEnd).Must((d, end) => end is null || end >= d.InstallDate)
            .WithMessage("Contract end cannot be before the install date.");
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

internal static class DeviceFieldsExtensions
{
    public static void ApplyTo(this IDeviceFields fields, InstalledDevice device)
    {
        device.ProductId = fields.ProductId;
        device.SerialNumber = fields.SerialNumber.Trim();
        device.Department = string.IsNullOrWhiteSpace(fields.Department) ? null : fields.Department.Trim();
        device.InstallDate = fields.InstallDate;
        device.WarrantyEnd = fields.WarrantyEnd;
        device.ContractEnd = fields.ContractEnd;
        device.Competitor = string.IsNullOrWhiteSpace(fields.Competitor) ? null : fields.Competitor.Trim();
    }
}

/// <summary>Age and end of service life of a device, from its install date and its product's expected service life.</summary>
public static class ServiceLife
{
    /// <summary>How close to the end of service life a device must be to be flagged for replacement planning.</summary>
    public const int ReplacementWindowMonths = 12;

    /// <summary>Whole months from <paramref name="installed"/> to <paramref name="today"/> (0 when installed today or later).</summary>
    public static int AgeInMonths(DateOnly installed, DateOnly today)
    {
        var months = ((today.Year - installed.Year) * 12) + today.Month - installed.Month - (today.Day < installed.Day ? 1 : 0);
        return Math.Max(0, months);
    }

    /// <summary>"3 y 4 m", "7 m".</summary>
    public static string FormatAge(int months) => months >= 12
        ? string.Create(CultureInfo.InvariantCulture, $"{months / 12} y {months % 12} m")
        : string.Create(CultureInfo.InvariantCulture, $"{months} m");

    /// <summary>Install date plus the product's service life; null when the product has none (0 months).</summary>
    public static DateOnly? EndOfServiceLife(DateOnly installed, int serviceLifeMonths) =>
        serviceLifeMonths > 0 ? installed.AddMonths(serviceLifeMonths) : null;

    /// <summary>True when the end of service life has passed or falls within the next 12 months.</summary>
    public static bool IsNearEnd(DateOnly? endOfServiceLife, DateOnly today) =>
        endOfServiceLife is { } end && end <= today.AddMonths(ReplacementWindowMonths);

    /// <summary>A device is ours unless a competitor made it; a device of ours lost to a competitor keeps the winner's name in <c>Competitor</c>.</summary>
    public static bool IsOurs(string? competitor, DeviceStatus status) => competitor is null || status == DeviceStatus.LostToCompetitor;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
