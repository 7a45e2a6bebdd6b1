using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Seeding;

/// <summary>
/// Rep touches over the two years: a cadence by segment, an in-service after each install, a follow-up after
/// most major and critical incidents, and business reviews run by the region's manager. The planted groups bend
/// this: one rep for rep-dependent accounts, a quiet spell after the planted purchase, only floor nurses met in
/// the last half year for thin coverage, unhappy voices where service is poor.
/// </summary>
internal sealed class InteractionGenerator(SeedContext context)
{
    /// <summary>
    /// Longest gap between touches of a customer. Below 30 days, so outside the planted silence every purchase
    /// and install is followed by a touch within 30 days.
    /// </summary>
    private const double MaxGapDays = 24;

    /// <summary>Thin-coverage accounts meet only floor nurses for this many days before today (the signal looks at 180).</summary>
    private const int ThinWindowDays = 185;

    /// <summary>Every other customer meets each key role at least once in this many days before today.</summary>
    private const int KeyRoleWindowDays = 170;

    private static readonly ContactRole[] KeyRoles = [ContactRole.Clinician, ContactRole.Biomed, ContactRole.Purchasing, ContactRole.Executive];

    private static readonly (InteractionType, double)[] CustomerTypes =
    [
        (InteractionType.Visit, 36), (InteractionType.Call, 18), (InteractionType.Email, 22),
        (InteractionType.InServiceTraining, 9), (InteractionType.BusinessReview, 4), (InteractionType.Demo, 6),
    ];

    private static readonly (InteractionType, double)[] ProspectTypes =
        [(InteractionType.Visit, 35), (InteractionType.Call, 25), (InteractionType.Email, 25), (InteractionType.Demo, 15)];

    private static readonly (ContactRole, double)[] VisitRoles =
    [
        (ContactRole.Nursing, 30), (ContactRole.Clinician, 25), (ContactRole.Biomed, 15),
        (ContactRole.Purchasing, 12), (ContactRole.Executive, 8), (ContactRole.IT, 10),
    ];

    private static readonly (int, double)[] Sentiments = [(-2, 1), (-1, 6), (0, 33), (1, 42), (2, 18)];
    private static readonly (int, double)[] UnhappySentiments = [(-2, 18), (-1, 35), (0, 30), (1, 15), (2, 2)];

    private static readonly (InteractionSource, double)[] OnSiteSources =
        [(InteractionSource.Tablet, 75), (InteractionSource.Web, 22), (InteractionSource.Api, 3)];

    private static readonly (InteractionSource, double)[] RemoteSources =
        [(InteractionSource.Web, 70), (InteractionSource.Tablet, 25), (InteractionSource.Api, 5)];

    private static readonly DeviceKind FallbackKind = Catalog.Kinds.Single(k => k.Product.Sku == "MON-TRN-060");

    public void Generate(AccountBuild build)
    {
        var cast = new Cast(build);
        var touches = Plan(build).OrderBy(t => t.Day).ToList();

        // On a rep-dependent account someone else writes one touch in forty, and meets nobody.
        var byOthers = build.Has(PlantedPattern.RepDependent)
            ? build.Random.Sample(Enumerable.Range(0, touches.Count).ToList(), touches.Count / 40).ToHashSet()
            : [];
        var drafts = touches.Select((touch, i) => ToDraft(build, cast, touch, byOthers.Contains(i))).ToList();
        if (build.IsCustomer && !build.Has(PlantedPattern.ThinInfluencerCoverage))
        {
            CoverKeyRoles(build, cast, drafts);
        }

        foreach (var draft in drafts)
        {
            Write(build, draft);
        }
    }

    private List<Touch> Plan(AccountBuild build)
    {
        var random = build.Random;
        var touches = new List<Touch>();
        if (build.Slot.Status == AccountStatus.Prospect)
        {
            for (var day = context.Today.AddDays(-365 + random.Int(0, 30)); day <= context.LastDay; day = day.AddDays(random.Int(20, 45)))
            {
                touches.Add(new(day, null, null, false));
            }

            return touches;
        }

        var gap = MeanGapDays(build.Slot.Segment) * context.Options.InteractionGapScale * random.Between(0.8, 1.25);
        var end = build.LostOn?.AddDays(random.Int(0, 45)) ?? context.LastDay;
        var offset = random.Between(0, gap);
        while (context.WindowStart.AddDays((int)offset) <= end)
        {
            touches.Add(new(context.WindowStart.AddDays((int)offset), null, null, false));
            offset += Math.Min(MaxGapDays, gap * random.Between(0.4, 1.6));
        }

        foreach (var lot in build.Purchases)
        {
            touches.Add(new(lot.InstallDate.AddDays(random.Int(1, 10)), InteractionType.InServiceTraining, lot.Devices[0], true));
            if (random.Chance(0.5))
            {
                touches.Add(new(lot.OrderDate.AddDays(random.Int(2, 10)), InteractionType.Visit, lot.Devices[0], true));
            }
        }

        var followUpChance = build.Has(PlantedPattern.PoorService) ? 0.2 : 0.7;
        foreach (var incident in build.Incidents.Where(i => i.Severity != IncidentSeverity.Minor))
        {
            if (random.Chance(followUpChance))
            {
                var opened = DateOnly.FromDateTime(build.Local(incident.OpenedAt));
                touches.Add(new(opened.AddDays(random.Int(1, 5)), InteractionType.IncidentFollowUp, build.Devices.Single(d => d.Id == incident.DeviceId), true));
            }
        }

        touches.RemoveAll(t => t.Day > context.LastDay || t.Day < context.WindowStart
            || (build.Silence is { } silence && t.Day >= silence.From && t.Day <= silence.To));
        return touches;
    }

    private static double MeanGapDays(AccountSegment segment) => segment switch
    {
        AccountSegment.Academic => 1.35,
        AccountSegment.Community => 2.7,
        AccountSegment.ASC => 5.1,
        _ => 7.6,
    };

    private Draft ToDraft(AccountBuild build, Cast cast, Touch touch, bool byOther)
    {
        var random = build.Random;
        var type = touch.Type ?? random.Weighted(build.IsCustomer || build.Slot.Status == AccountStatus.Lost ? CustomerTypes : ProspectTypes);
        var thin = build.Has(PlantedPattern.ThinInfluencerCoverage) && touch.Day >= context.Today.AddDays(-ThinWindowDays);
        if (thin && type is InteractionType.BusinessReview or InteractionType.Demo)
        {
            type = InteractionType.Visit;
        }

        var (rep, meetsContacts) = Rep(build, type, touch.AfterEvent, byOther);
        if (!meetsContacts)
        {
            // A mail to the department: nobody met.
            type = InteractionType.Email;
        }

        var contacts = meetsContacts ? Contacts(build, cast, type, thin) : [];
        return new Draft(touch.Day, type, rep, contacts, Devices(build, cast, type, touch));
    }

    private static (Guid Rep, bool MeetsContacts) Rep(AccountBuild build, InteractionType type, bool afterEvent, bool byOther)
    {
        var random = build.Random;
        var team = build.Team;
        if (build.Has(PlantedPattern.RepDependent))
        {
            return byOther ? (random.Chance(0.5) ? team.Partner : team.Manager, false) : (team.Owner, true);
        }

        if (!build.IsCustomer)
        {
            return (random.Chance(0.8) ? team.Owner : team.Partner, true);
        }

        if (type == InteractionType.BusinessReview)
        {
            return (random.Chance(0.7) ? team.Manager : team.Owner, true);
        }

        return afterEvent
            ? (random.Chance(0.6) ? team.Owner : team.Partner, true)
            : (random.Weighted([(team.Owner, 55), (team.Partner, 35), (team.Manager, 10)]), true);
    }

    private static List<Contact> Contacts(AccountBuild build, Cast cast, InteractionType type, bool thin)
    {
        var random = build.Random;
        if (thin)
        {
            return random.Sample(cast.FloorNurses, type is InteractionType.Visit or InteractionType.InServiceTraining ? random.Int(1, 2) : 1);
        }

        var chosen = new List<Contact>();
        void Meet(ContactRole role, double chance = 1)
        {
            if (random.Chance(chance) && cast.ByRole.TryGetValue(role, out var people))
            {
                var candidate = random.Pick(people);
                if (!chosen.Contains(candidate))
                {
                    chosen.Add(candidate);
                }
            }
        }

        switch (type)
        {
            case InteractionType.Visit:
                for (var i = random.Int(1, 3); i > 0; i--)
                {
                    Meet(random.Weighted(VisitRoles));
                }

                break;
            case InteractionType.InServiceTraining:
                Meet(ContactRole.Nursing);
                Meet(ContactRole.Nursing, 0.5);
                Meet(ContactRole.Clinician, 0.5);
                break;
            case InteractionType.BusinessReview:
                Meet(ContactRole.Executive);
                Meet(ContactRole.Purchasing);
                Meet(ContactRole.Clinician, 0.5);
                Meet(ContactRole.Biomed, 0.3);
                break;
            case InteractionType.IncidentFollowUp:
                Meet(ContactRole.Biomed);
                Meet(ContactRole.Nursing, 0.5);
                break;
            case InteractionType.Demo:
                Meet(ContactRole.Clinician);
                Meet(ContactRole.Nursing);
                Meet(ContactRole.Biomed, 0.5);
                Meet(ContactRole.Purchasing, 0.3);
                break;
            default:
                Meet(random.Weighted(VisitRoles));
                break;
        }

        if (chosen.Count == 0)
        {
            Meet(ContactRole.Nursing);
        }

        return chosen;
    }

    private static List<InstalledDevice> Devices(AccountBuild build, Cast cast, InteractionType type, Touch touch)
    {
        var random = build.Random;
        if (touch.Device is { } device)
        {
            return [device];
        }

        var pool = type switch
        {
            InteractionType.InServiceTraining => cast.Ours,
            InteractionType.Visit when random.Chance(0.25) => build.Devices,
            InteractionType.Demo when random.Chance(0.3) => cast.Competitors,
            _ => [],
        };
        var installed = pool.Where(d => d.InstallDate <= touch.Day).ToList();
        return installed.Count == 0 ? [] : random.Sample(installed, type == InteractionType.InServiceTraining ? random.Int(1, 2) : 1);
    }

    /// <summary>Adds a contact of each key role nobody met lately to one of the recent touches that met people.</summary>
    private void CoverKeyRoles(AccountBuild build, Cast cast, List<Draft> drafts)
    {
        var random = build.Random;
        var recent = drafts.Where(d => d.Day >= context.Today.AddDays(-KeyRoleWindowDays) && d.Contacts.Count > 0).ToList();
        if (recent.Count == 0)
        {
            return;
        }

        foreach (var role in KeyRoles.Where(role => !recent.Any(d => d.Contacts.Any(c => c.Role == role))))
        {
            random.Pick(recent).Contacts.Add(random.Pick(cast.ByRole[role]));
        }
    }

    private void Write(AccountBuild build, Draft draft)
    {
        var random = build.Random;
        var unhappy = build.Has(PlantedPattern.PoorService) && draft.Day >= context.Today.AddDays(-270);
        var subject = draft.Devices.Count > 0 ? draft.Devices[0] : build.Devices.Count > 0 ? random.Pick(build.Devices) : null;
        var kind = subject is null ? FallbackKind : context.KindOf(subject);
        var department = subject?.Department ?? Names.Department(random, build.Slot.Segment, kind);
        var occurredAt = build.Utc(draft.Day, random.Between(8, 16));
        var interaction = context.Stamp(new Interaction
        {
            ExternalId = context.NextInteractionId(),
            AccountId = build.Account.Id,
            RepId = draft.Rep,
            OccurredAt = occurredAt,
            Type = draft.Type,
            Notes = Phrases.Note(random, draft.Type, kind.Product.Name, department, kind.Product.Family),
            VoiceOfCustomer = VoiceOfCustomer(random, unhappy),
            Sentiment = random.Weighted(unhappy ? UnhappySentiments : Sentiments),
            Source = random.Weighted(draft.Type is InteractionType.Call or InteractionType.Email ? RemoteSources : OnSiteSources),
        }, random);
        AddNextStep(build, interaction, draft, kind);

        context.Batch.Interactions.Add(interaction);
        foreach (var contact in draft.Contacts)
        {
            context.Batch.InteractionContacts.Add(new InteractionContact { InteractionId = interaction.Id, ContactId = contact.Id });
        }

        foreach (var device in draft.Devices)
        {
            context.Batch.InteractionDevices.Add(new InteractionDevice { InteractionId = interaction.Id, DeviceId = device.Id });
        }
    }

    private static string? VoiceOfCustomer(SeedRandom random, bool unhappy)
    {
        if (!random.Chance(unhappy ? 0.35 : 0.12))
        {
            return null;
        }

        var problems = Enumerable.Range(0, random.Int(1, 2))
            .Select(_ => random.Pick(unhappy && random.Chance(0.7) ? Phrases.ServiceProblems : Phrases.Problems))
            .Distinct();
        return string.Join("\n", problems);
    }

    /// <summary>Due dates before this many days ago were all met; within it a share of the steps is still open (overdue).</summary>
    internal const int OverdueWindowDays = 14;

    /// <summary>The share of the steps due in the last <see cref="OverdueWindowDays"/> days that are still open.</summary>
    private const double RecentOverdueShare = 0.35;

    /// <summary>
    /// Half the meetings end with a next step. Steps still ahead are open; past ones were done within days of their due
    /// date, except a share of those due in the last two weeks, which are overdue: what a rep who keeps up has.
    /// </summary>
    private void AddNextStep(AccountBuild build, Interaction interaction, Draft draft, DeviceKind kind)
    {
        var random = build.Random;
        var chance = draft.Type is InteractionType.Call or InteractionType.Email ? 0.25 : draft.Type == InteractionType.IncidentFollowUp ? 0.4 : 0.5;
        if (!random.Chance(chance))
        {
            return;
        }

        var due = draft.Day.AddDays(random.Int(3, 28));
        interaction.NextStep = Phrases.NextStep(random, kind.Product.Name);
        interaction.NextStepDue = due;
        if (due >= context.Today)
        {
            return;
        }

        // The account's stream draws exactly what it drew before open steps became rare, so every other generated
        // fact (and the planted patterns) stays as it was; whether a step is still open comes from its own stream.
        DateTime? done = random.Chance(0.85) ? build.Utc(due.AddDays(random.Int(-5, 2)), random.Between(9, 16)) : null;
        var steps = build.NextSteps;
        if (context.Today.DayNumber - due.DayNumber <= OverdueWindowDays && steps.Chance(RecentOverdueShare))
        {
            return;
        }

        done ??= build.Utc(due.AddDays(steps.Int(-5, 2)), steps.Between(9, 16));
        var earliest = interaction.OccurredAt.AddHours(1);
        var latest = context.Cutoff.AddHours(-1);
        interaction.NextStepDoneAt = done < earliest ? earliest : done > latest ? latest : done;
    }

    /// <summary>A planned touch; <paramref name="AfterEvent"/> when it follows an install or an incident.</summary>
    private sealed record Touch(DateOnly Day, InteractionType? Type, InstalledDevice? Device, bool AfterEvent);

    private sealed record Draft(DateOnly Day, InteractionType Type, Guid Rep, List<Contact> Contacts, List<InstalledDevice> Devices);

    /// <summary>An account's people and devices, grouped once for the many touches that pick from them.</summary>
    private sealed class Cast(AccountBuild build)
    {
        public Dictionary<ContactRole, List<Contact>> ByRole { get; } =
            build.Contacts.GroupBy(c => c.Role).ToDictionary(g => g.Key, g => g.ToList());

        public List<Contact> FloorNurses { get; } =
            build.Contacts.Where(c => c.Role == ContactRole.Nursing && c.Influence == ContactInfluence.User).ToList();

        public List<InstalledDevice> Ours { get; } = build.Devices.Where(d => d.Competitor is null).ToList();
        public List<InstalledDevice> Competitors { get; } = build.Devices.Where(d => d.Competitor is not null).ToList();
    }
}
