using System.Globalization;
using MedTechAccounts.Core.Domain;
using Microsoft.Extensions.Options;

namespace MedTechAccounts.Core.Features.Incidents;

/// <summary>
/// Service-incident settings, bound from the configuration section <c>Incidents</c>:
/// first-response targets per severity (hours) and the business hours that decide whether an incident
/// was opened after hours at the site (in the account's own time zone).
/// </summary>
public sealed class IncidentOptions
{
    public const string Section = "Incidents";

    public FirstResponseTargets FirstResponseHours { get; set; } = new();
    public BusinessHoursOptions BusinessHours { get; set; } = new();

    /// <summary>The first-response target of a severity.</summary>
    public TimeSpan FirstResponseTarget(IncidentSeverity severity) => TimeSpan.FromHours(FirstResponseHours.For(severity));

    /// <summary>Problems with the settings, empty when they are usable (checked when the app starts).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var severity in Enum.GetValues<IncidentSeverity>())
        {
            var hours = FirstResponseHours.For(severity);
            if (!(hours > 0 && hours <= 24 * 365))
            {
                problems.Add($"{Section}:FirstResponseHours:{severity} must be more than 0 and at most 8760 hours.");
            }
        }

        if (BusinessHours.End <= BusinessHours.Start)
        {
            problems.Add($"{Section}:BusinessHours:End must be after {Section}:BusinessHours:Start.");
        }

        if (!BusinessHoursOptions.TryParseDays(BusinessHours.WorkingDays, out _))
        {
            problems.Add($"{Section}:BusinessHours:WorkingDays must list English day names separated by commas (e.g. \"Monday,Tuesday\").");
        }

        return problems;
    }
}

/// <summary>Hours from opening to the first response, per severity (DESIGN: Critical 4 h, Major 24 h, Minor 72 h).</summary>
public sealed class FirstResponseTargets
{
    public double Critical { get; set; } = 4;
    public double Major { get; set; } = 24;
    public double Minor { get; set; } = 72;

    public double For(IncidentSeverity severity) => severity switch
    {
        IncidentSeverity.Critical => Critical,
        IncidentSeverity.Major => Major,
        IncidentSeverity.Minor => Minor,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

/// <summary>
/// A site's business hours in its local time: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive)
/// on the <see cref="WorkingDays"/>. Default Monday to Friday, 08:00–18:00.
/// </summary>
public sealed class BusinessHoursOptions
{
    public TimeOnly Start { get; set; } = new(8, 0);
    public TimeOnly End { get; set; } = new(18, 0);

    /// <summary>English day names separated by commas. A string, not a list: the configuration binder appends to a list's defaults.</summary>
    public string WorkingDays { get; set; } = "Monday,Tuesday,Wednesday,Thursday,Friday";

    public IReadOnlySet<DayOfWeek> Days => TryParseDays(WorkingDays, out var days)
        ? days
        : throw new InvalidOperationException($"Incidents:BusinessHours:WorkingDays \"{WorkingDays}\" is not a list of day names.");

    public static bool TryParseDays(string? text, out IReadOnlySet<DayOfWeek> days)
    {
        var set = new HashSet<DayOfWeek>();
        days = set;
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                || !Enum.TryParse<DayOfWeek>(part, ignoreCase: true, out var day))
            {
                return false;
            }

            set.Add(day);
        }

        return set.Count > 0;
    }
}

/// <summary>Refuses to start with unusable incident settings, naming each problem.</summary>
public sealed class IncidentOptionsValidator : IValidateOptions<IncidentOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
