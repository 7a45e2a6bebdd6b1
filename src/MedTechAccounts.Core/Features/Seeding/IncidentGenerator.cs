using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Service incidents on our active devices at a rate per device kind. First responses mostly land well inside
/// the default SLA (Critical 4 h, Major 24 h, Minor 72 h) with a few breaches; about a fifth are opened after
/// hours at the site. Poor-service accounts get slow responses, devices that keep failing and an open critical.
/// </summary>
internal sealed class IncidentGenerator(SeedContext context)
{
    private static readonly (IncidentSeverity, double)[] Severities =
        [(IncidentSeverity.Critical, 8), (IncidentSeverity.Major, 30), (IncidentSeverity.Minor, 62)];

    public void Generate(AccountBuild build)
    {
        if (build.Slot.Status == AccountStatus.Prospect)
        {
            return;
        }

        var random = build.Random;
        var poor = build.Has(PlantedPattern.PoorService);
        var end = build.LostOn ?? context.LastDay;
        var drafts = new List<Draft>();
        var active = build.Devices.Where(d => d.Competitor is null && d.Status == DeviceStatus.Active).ToList();
        foreach (var device in active)
        {
            var kind = context.KindOf(device);
            var from = Max(context.WindowStart, device.InstallDate.AddDays(7));
            if (from > end)
            {
                continue;
            }

            var years = (end.DayNumber - from.DayNumber) / 365.0;
            var count = random.Poisson(kind.IncidentsPerYear * years * (poor ? 1.8 : 1));
            for (var i = 0; i < count; i++)
            {
                var day = random.Date(from, end);
                var severity = random.Weighted(Severities);

                // Outside poor service a critical incident is always resolved by now.
                if (severity == IncidentSeverity.Critical && !poor && day > context.LastDay.AddDays(-7))
                {
                    severity = IncidentSeverity.Major;
                }

                drafts.Add(new(device, Opened(build, day), severity, random.Pick(Catalog.FamilyOf(kind.Product.Family).IncidentCategories), false));
            }
        }

        if (poor && active.Count > 0)
        {
            PlantPoorService(build, active, drafts);
        }

        foreach (var draft in drafts.OrderBy(d => d.OpenedAt))
        {
            Write(build, draft, poor);
        }
    }

    /// <summary>Two devices with 3–4 incidents of one kind in the last 170 days, and a critical opened in the last week.</summary>
    private void PlantPoorService(AccountBuild build, List<InstalledDevice> active, List<Draft> drafts)
    {
        var random = build.Random;
        var older = active.Where(d => d.InstallDate <= context.Today.AddDays(-200)).ToList();
        foreach (var device in random.Sample(older.Count >= 2 ? older : active, 2))
        {
            var category = random.Pick(Catalog.FamilyOf(context.KindOf(device).Product.Family).IncidentCategories);
            var from = Max(context.Today.AddDays(-170), device.InstallDate.AddDays(1));
            for (var i = random.Int(3, 4); i > 0; i--)
            {
                var severity = random.Chance(0.5) ? IncidentSeverity.Major : IncidentSeverity.Minor;
                drafts.Add(new(device, Opened(build, random.Date(from, context.Today.AddDays(-10))), severity, category, false));
            }
        }

        var critical = random.Pick(active);
        // Whole minutes, like every generated time: PostgreSQL keeps microseconds, SQLite ticks, and the two must agree.
        var openedAt = context.Cutoff.AddMinutes(-Math.Round(random.Between(30, 200) * 60));
        drafts.Add(new(critical, openedAt, IncidentSeverity.Critical,
            random.Pick(Catalog.FamilyOf(context.KindOf(critical).Product.Family).IncidentCategories), true));
    }

    /// <summary>
    /// Most incidents are raised on weekdays in business hours (8:00–18:00 local, the default of Incidents:BusinessHours); about a fifth after hours,
    /// in the evening, at night or at a weekend.
    /// </summary>
    private DateTime Opened(AccountBuild build, DateOnly day)
    {
        var random = build.Random;
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && random.Chance(0.7))
        {
            day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? -1 : -2);
        }

        var hours = random.Chance(0.85) ? random.Between(8, 18) : (random.Between(18, 32) % 24);
        var at = build.Utc(day, hours);
        return at < context.Cutoff ? at : build.Utc(day.AddDays(-1), hours);
    }

    private void Write(AccountBuild build, Draft draft, bool poor)
    {
        var random = build.Random;
        var sla = draft.Severity switch
        {
            IncidentSeverity.Critical => 4.0,
            IncidentSeverity.Major => 24.0,
            _ => 72.0,
        };
        double responseHours;
        if (draft.StillOpen)
        {
            responseHours = random.Chance(0.5) ? double.PositiveInfinity : sla * random.Between(1.5, 4);
        }
        else if (poor && (draft.OpenedAt >= context.Cutoff.AddDays(-365) || random.Chance(0.5)))
        {
            // Service to this account got worse: every response of the last year is late, half of those before.
            responseHours = sla * random.Between(1.2, 3.5);
        }
        else
        {
            responseHours = sla * (!poor && random.Chance(0.04) ? random.Between(1.05, 1.8) : random.Between(0.1, 0.85));
        }

        var resolveHours = draft.StillOpen
            ? double.PositiveInfinity
            : draft.Severity switch
            {
                IncidentSeverity.Critical => random.Between(4, 36),
                IncidentSeverity.Major => random.Between(8, 72),
                _ => random.Between(12, 168),
            } * (poor ? random.Between(1.5, 3) : 1);

        var firstResponse = Before(draft.OpenedAt, responseHours);
        var resolved = firstResponse is { } responded ? Before(responded, resolveHours) : null;
        var local = build.Local(draft.OpenedAt);
        var incident = context.Stamp(new ServiceIncident
        {
            ExternalId = context.NextIncidentId(),
            DeviceId = draft.Device.Id,
            AccountId = build.Account.Id,
            OpenedAt = draft.OpenedAt,
            Severity = draft.Severity,
            Category = draft.Category,
            FirstResponseAt = firstResponse,
            ResolvedAt = resolved,
            AfterHours = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || local.Hour < 8 || local.Hour >= 18,
            Status = resolved is not null ? IncidentStatus.Resolved : firstResponse is not null ? IncidentStatus.Responded : IncidentStatus.Open,
        }, random);
        build.Incidents.Add(incident);
        context.Batch.Incidents.Add(incident);
    }

    /// <summary>The instant <paramref name="hours"/> after <paramref name="from"/>, or null when that is not yet reached.</summary>
    private DateTime? Before(DateTime from, double hours)
    {
        if (double.IsPositiveInfinity(hours))
        {
            return null;
        }

        var at = from.AddMinutes(Math.Round(hours * 60));
        return at < context.Cutoff ? at : null;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private sealed record Draft(InstalledDevice Device, DateTime OpenedAt, IncidentSeverity Severity, string Category, bool StillOpen);
}
