using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using MedTechAccounts.Analytics.Signals;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// The words a person reads for a code: "In-service training" for <see cref="InteractionType.InServiceTraining"/>,
/// "At risk" for <see cref="RiskTier.AtRisk"/>, "Sales rep" for the role <see cref="Roles.Rep"/>. Every view, select
/// list, chart label and CSV export for people takes its words from here. The words of an enum member are its
/// <see cref="DisplayAttribute.Name"/>; the analytics library's enums keep their names there
/// (<see cref="Signal.NameOf"/>, <see cref="TierRules.Name"/>). The API and the interchange files keep the codes.
/// </summary>
public static class Words
{
    private static readonly ConcurrentDictionary<Enum, string?> Cache = new();

    /// <summary>The words for <paramref name="value"/>; its code name only when it has none (the unit tests make sure none lacks them).</summary>
    public static string Of(Enum value) => Find(value) ?? value.ToString();

    /// <summary>The words for <paramref name="value"/>, "—" for none.</summary>
    public static string Of(Enum? value, string none) => value is null ? none : Of(value);

    /// <summary>The words for <paramref name="value"/>, or null when it has none.</summary>
    public static string? Find(Enum value) => Cache.GetOrAdd(value, static v => v switch
    {
        SignalKind kind => Signal.NameOf(kind),
        Tier tier => TierRules.Name(tier),
        TierCap cap => cap switch { TierCap.Off => "Off", TierCap.Watch => "Watch at best", TierCap.AtRisk => "At risk", _ => null },
        TierRule rule => rule switch
        {
            TierRule.LowSignals => "Very low signals",
            TierRule.OpenCritical => "Open critical incident",
            TierRule.FirstResponseSla => "First responses outside SLA",
            TierRule.RepeatIncidents => "Repeat incidents",
            _ => null,
        },
        _ => Attribute(v),
    });

    /// <summary>Every member of <typeparamref name="T"/> with its words, in declaration order: the options of a select list.</summary>
    public static IReadOnlyList<(T Value, string Words)> Options<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => (v, Of(v)))];

    /// <summary>The words for a role name (<see cref="Roles"/>); an unknown name as it is.</summary>
    public static string Role(string role) => role switch
    {
        Roles.Rep => "Sales rep",
        Roles.Manager => "Manager",
        Roles.Executive => "Executive",
        Roles.Admin => "Administrator",
        Roles.Product => "Product manager",
        _ => role,
    };

    private static string? Attribute(Enum value)
    {
        var name = Enum.GetName(value.GetType(), value);
        if (name is null)
        {
            return null;
        }

        var field = value.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<DisplayAttribute>()?.Name;
    }
}
