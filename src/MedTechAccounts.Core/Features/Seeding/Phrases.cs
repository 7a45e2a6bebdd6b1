using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Text of interactions and surveys. About devices, training, purchasing and service only: the product keeps
/// patient information out of notes, and generated data sets the example.
/// </summary>
internal static class Phrases
{
    /// <summary>A note for an interaction; <paramref name="product"/> and <paramref name="department"/> name what was discussed.</summary>
    public static string Note(SeedRandom random, InteractionType type, string product, string department, string family) => type switch
    {
        InteractionType.Visit => random.Int(0, 5) switch
        {
            0 => $"Walked {department} with the nurse manager; checked {product} placement and alarm settings.",
            1 => $"Reviewed {family} fleet utilisation and upcoming capital planning with the department lead.",
            2 => $"Reviewed consumable par levels and the standing order for {family} disposables.",
            3 => $"Stopped by {department} to collect feedback on the {product} after the last software update.",
            4 => "Discussed budget timing for next fiscal year and the equipment replacement list.",
            _ => $"Met biomed to go over preventive maintenance status of the {family} fleet.",
        },
        InteractionType.Call => random.Int(0, 3) switch
        {
            0 => $"Called to confirm the delivery window for the {product} order.",
            1 => $"Follow-up call on the quote for additional {product} units.",
            2 => "Check-in call after the recent service visit; no open questions.",
            _ => $"Call with supply chain about {family} consumable pricing tiers.",
        },
        InteractionType.Email => random.Int(0, 3) switch
        {
            0 => $"Sent updated quote and product literature for the {product}.",
            1 => "Shared the in-service schedule for next month.",
            2 => $"Sent the preventive maintenance summary for the {family} fleet.",
            _ => "Sent the contract renewal summary and coverage list.",
        },
        InteractionType.InServiceTraining => random.Int(0, 2) switch
        {
            0 => $"In-service on the {product} for {department} staff; {random.Int(6, 24)} attendees signed off.",
            1 => $"Super-user training on {product} alarm management for {department}.",
            _ => $"Night-shift in-service on the {product}; refresher on cleaning and battery care.",
        },
        InteractionType.BusinessReview => random.Int(0, 2) switch
        {
            0 => "Business review: uptime, service response times, consumable spend and contract renewals.",
            1 => $"Executive review of the {family} standardisation roadmap and replacement timeline.",
            _ => "Annual review of fleet age, service coverage and next year's capital requests.",
        },
        InteractionType.IncidentFollowUp => random.Int(0, 2) switch
        {
            0 => $"Followed up on the service incident for the {product}; device confirmed back in service.",
            1 => $"Reviewed root cause of repeated faults on the {product} with biomed.",
            _ => $"Checked loaner coverage in {department} while the {product} was repaired.",
        },
        _ => random.Int(0, 2) switch
        {
            0 => $"Demonstrated the {product} to {department} clinicians; evaluation units requested.",
            1 => $"Product demo of the {product} for the value analysis committee.",
            _ => $"Hands-on demo of the {product} workflow for {department} super-users.",
        },
    };

    /// <summary>Problems the customer stated, never the solution they asked for.</summary>
    public static readonly IReadOnlyList<string> Problems =
    [
        "Alarm fatigue on the step-down unit",
        "Too many nuisance occlusion alarms on night shift",
        "Transport monitor batteries do not last long transfers",
        "Biomed backlog on preventive maintenance",
        "Capital budget frozen until next fiscal year",
        "Staff turnover makes training hard to sustain",
        "Consumable backorders delayed scheduled cases",
        "Device data does not reach the EHR reliably",
        "Cleaning and turnaround time between cases is too long",
        "Too many device models to train travel nurses on",
    ];

    public static readonly IReadOnlyList<string> ServiceProblems =
    [
        "Field service response to critical calls is too slow",
        "The same units keep failing after repair",
        "No loaner available while devices are out for repair",
        "Nobody answers the service line after hours",
    ];

    public static string NextStep(SeedRandom random, string product) => random.Int(0, 6) switch
    {
        0 => $"Send quote for additional {product} units",
        1 => "Schedule night-shift in-service",
        2 => "Book business review with the CNO",
        3 => "Confirm preventive maintenance schedule with biomed",
        4 => "Follow up on evaluation units",
        5 => "Send contract renewal proposal",
        _ => "Share consumable usage report with supply chain",
    };

    public static string? SurveyComment(SeedRandom random, int nps) => random.Chance(0.5)
        ? null
        : nps switch
        {
            >= 9 => random.Pick(Promoter),
            >= 7 => random.Pick(Passive),
            _ => random.Pick(Detractor),
        };

    private static readonly string[] Promoter =
    [
        "Service engineers are responsive and know our fleet.",
        "Training support for new staff has been excellent.",
        "Reliable devices and a rep who follows through.",
    ];

    private static readonly string[] Passive =
    [
        "Products are reliable; pricing is a concern.",
        "Good devices, but consumable deliveries are sometimes late.",
        "Would like more regular updates on software releases.",
    ];

    private static readonly string[] Detractor =
    [
        "Waited too long for an engineer on a critical call.",
        "Repeat failures on the same units.",
        "We rarely hear from anyone after the purchase.",
    ];
}
