using FluentValidation;
using Mediator;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions.Voice;

/// <summary>
/// The problems customers stated at visits, grouped by the product family of the devices discussed at that visit
/// and by theme (<see cref="VoiceThemes"/>): how many accounts raised each, when, the trend by fiscal quarter, the
/// lifetime value of those accounts and the verbatim items. Never notes, never an item that looks like patient
/// information, and of an account only its name and segment. Product managers read every territory; managers
/// their region, executives and admins everything, as everywhere.
/// </summary>
public static class VoiceByProduct
{
    public const int MaxQuarters = 12;
    public const int VerbatimsPerTheme = 20;
    public const string NoDevice = "No device named";

    public sealed record Query : IQuery<Result>
    {
        /// <summary>How many fiscal quarters back, the current one included (1–12).</summary>
        public int Quarters { get; init; } = 8;

        /// <summary>Only this product family (as the catalog names it); empty for all.</summary>
        public string? Family { get; init; }
    }

    public sealed record Result(DateOnly From, DateOnly Today, IReadOnlyList<string> QuarterLabels, IReadOnlyList<FamilyGroup> Families)
    {
        public int Themes => Families.Sum(f => f.Themes.Count);
    }

    /// <param name="HeldBack">Items of this family that look like they hold patient information: counted here, never shown or themed.</param>
    public sealed record FamilyGroup(string Family, int Accounts, int Items, int HeldBack, IReadOnlyList<ThemeRow> Themes);

    public sealed record ThemeRow(
        string Key,
        string Theme,
        string Family,
        int Accounts,
        int Items,
        DateOnly FirstRaised,
        DateOnly LastRaised,
        IReadOnlyList<int> ByQuarter,
        decimal AccountsClv,
        IReadOnlyList<ModelCount> Models,
        IReadOnlyList<Verbatim> Verbatims,
        Heard? Heard);

    public sealed record ModelCount(string Model, int Items);

    public sealed record Verbatim(string Text, DateOnly Date, string AccountName, AccountSegment Segment);

    public sealed record Heard(string Response, DateTime At, string By, int AccountsTold);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Quarters).InclusiveBetween(1, MaxQuarters).WithMessage($"Quarters must be between 1 and {MaxQuarters}.");
            RuleFor(q => q.Family).MaximumLength(100);
        }
    }

    /// <summary>One stated problem as read: its theme, where and when it was raised.</summary>
    internal sealed record Raised(Guid VisitId, Guid AccountId, DateOnly Date, string Text, string Family, string? Model, string ThemeKey, string Theme)
    {
        /// <summary>The item looks like it holds patient information: it is counted, never shown, and makes no theme.</summary>
        public bool Held => ThemeKey.Length == 0;
    }

    public sealed class Handler(AppDbContext db, FiscalCalendar calendar, TimeProvider clock, ICurrentUser currentUser) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var current = calendar.QuarterOf(today);
            var quarters = new List<FiscalQuarter> { current };
            while (quarters.Count < query.Quarters)
            {
                quarters.Insert(0, quarters[0].Previous());
            }

            var from = calendar.Start(quarters[0]);
            var raised = await VoiceItems.ReadAsync(db, currentUser, from, cancellationToken);
            var family = string.IsNullOrWhiteSpace(query.Family) ? null : query.Family.Trim();
            if (family is not null)
            {
                raised = [.. raised.Where(r => string.Equals(r.Family, family, StringComparison.OrdinalIgnoreCase))];
            }

            // Names and CLV of every account in scope, read whole: an IN list of the thousands of accounts that raised
            // something cost more than the rows it saved.
            var accountIds = raised.Select(r => r.AccountId).ToHashSet();
            var accounts = (await VoiceItems.Source(db.Accounts, currentUser).AsNoTracking()
                    .Select(a => new { a.Id, a.Name, a.Segment })
                    .ToListAsync(cancellationToken))
                .Where(a => accountIds.Contains(a.Id))
                .ToDictionary(a => a.Id);
            var scores = VoiceItems.Source(db.AccountScores, currentUser);
            var clv = (await scores.AsNoTracking()
                    .Where(s => s.AsOf == scores.Where(t => t.AccountId == s.AccountId).Max(t => t.AsOf))
                    .Select(s => new { s.AccountId, s.Clv })
                    .ToListAsync(cancellationToken))
                .Where(s => accountIds.Contains(s.AccountId))
                .ToDictionary(s => s.AccountId, s => s.Clv);
            var heard = (await db.VoiceResponses.AsNoTracking()
                    .OrderByDescending(r => r.RespondedAt)
                    .Select(r => new { r.ThemeKey, r.Family, r.Response, r.RespondedAt, By = db.Users.Where(u => u.Id == r.RespondedById).Select(u => u.DisplayName).FirstOrDefault(), r.AccountsTold })
                    .ToListAsync(cancellationToken))
                .GroupBy(r => (r.ThemeKey, r.Family))
                .ToDictionary(g => g.Key, g => g.First());

            var families = raised
                .GroupBy(r => r.Family)
                .Select(f => new FamilyGroup(
                    f.Key,
                    f.Select(r => r.AccountId).Distinct().Count(),
                    f.DistinctBy(r => (r.VisitId, r.Text)).Count(),
                    f.Where(r => r.Held).DistinctBy(r => (r.VisitId, r.Text)).Count(),
                    [.. f.Where(r => !r.Held).GroupBy(r => r.ThemeKey)
                        .Select(t =>
                        {
                            // Two models of one family discussed at a visit: the item counts once for the family.
                            var items = t.DistinctBy(r => (r.VisitId, r.Text)).OrderByDescending(r => r.Date).ToList();
                            var ids = items.Select(r => r.AccountId).Distinct().ToList();
                            var answer = heard.GetValueOrDefault((t.Key, f.Key)) ?? heard.GetValueOrDefault((t.Key, ""));
                            return new ThemeRow(
                                t.Key,
                                items.GroupBy(r => r.Theme).MaxBy(g => g.Count())!.Key,
                                f.Key,
                                ids.Count,
                                items.Count,
                                items[^1].Date,
                                items[0].Date,
                                [.. quarters.Select(q => items.Count(r => calendar.Contains(q, r.Date)))],
                                ids.Sum(id => clv.GetValueOrDefault(id)),
                                [.. t.Where(r => r.Model is not null).GroupBy(r => r.Model!).Select(g => new ModelCount(g.Key, g.Count()))
                                    .OrderByDescending(m => m.Items).ThenBy(m => m.Model, StringComparer.Ordinal)],
                                [.. items.Take(VerbatimsPerTheme).Select(r => accounts.TryGetValue(r.AccountId, out var a)
                                    ? new Verbatim(r.Text, r.Date, a.Name, a.Segment)
                                    : new Verbatim(r.Text, r.Date, "", default))],
                                answer is null ? null : new Heard(answer.Response, answer.RespondedAt, answer.By ?? "a former user", answer.AccountsTold));
                        })
                        .OrderByDescending(t => t.Accounts).ThenByDescending(t => t.Items).ThenBy(t => t.Theme, StringComparer.Ordinal)]))
                .OrderBy(f => f.Family == NoDevice).ThenByDescending(f => f.Accounts).ThenBy(f => f.Family, StringComparer.Ordinal)
                .ToList();
            return new Result(from, today, [.. quarters.Select(q => q.Label)], families);
        }
    }
}

/// <summary>Reads the stated problems with their theme and the devices discussed; the one reader of both the page and the answer.</summary>
internal static class VoiceItems
{
    /// <summary>Product managers read every territory (and only this view); everyone else through their scope.</summary>
    public static IQueryable<T> Source<T>(IQueryable<T> set, ICurrentUser user) where T : class =>
        user.IsInRole(Roles.Product) ? set.IgnoreQueryFilters() : set;

    public static async Task<List<VoiceByProduct.Raised>> ReadAsync(AppDbContext db, ICurrentUser user, DateOnly from, CancellationToken ct)
    {
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var source = Source(db.Interactions, user).AsNoTracking();
        var interactions = (user.IsInRole(Roles.Product) ? source : source.OfVisibleAccounts(db))
            .Where(i => i.OccurredAt >= since && i.VoiceOfCustomer != null && i.VoiceOfCustomer != "");
        var visits = await interactions.Select(i => new { i.Id, i.AccountId, i.OccurredAt, i.VoiceOfCustomer }).ToListAsync(ct);
        // The devices discussed: links of the visits read above. (IgnoreQueryFilters on a part lifts the scope of the
        // whole query, so every part goes through the same source.)
        var products = (await (
                from l in Source(db.InteractionDevices, user)
                join i in interactions on l.InteractionId equals i.Id
                join d in Source(db.Devices, user) on l.DeviceId equals d.Id
                select new { l.InteractionId, d.Product!.Family, Model = d.Product.Name })
                .AsNoTracking().ToListAsync(ct))
            .ToLookup(p => p.InteractionId);
        var synonyms = await db.VoiceSettings.AsNoTracking().Select(s => s.Synonyms).FirstOrDefaultAsync(ct);
        var themes = new VoiceThemes(VoiceThemes.Parse(synonyms).Synonyms);

        // Stated problems repeat ("battery drains too fast"): each distinct text is checked and themed once per read.
        var judged = new Dictionary<string, (bool Held, string Key, string Theme)>(StringComparer.Ordinal);
        var raised = new List<VoiceByProduct.Raised>();
        foreach (var visit in visits)
        {
            var date = DateOnly.FromDateTime(visit.OccurredAt);
            var discussed = products[visit.Id].Select(p => (p.Family, (string?)p.Model)).Distinct().ToList();
            if (discussed.Count == 0)
            {
                discussed.Add((VoiceByProduct.NoDevice, null));
            }

            foreach (var item in InteractionText.SplitProblems(visit.VoiceOfCustomer))
            {
                if (!judged.TryGetValue(item, out var judgement))
                {
                    var looksLikePatient = PatientIdentifierCheck.Check(item).Count > 0;
                    var (k, t) = looksLikePatient ? ("", "") : themes.ThemeOf(item);
                    judged[item] = judgement = (looksLikePatient, k, t);
                }

                var (held, key, theme) = judgement;
                if (!held && key.Length == 0)
                {
                    continue;
                }

                // A problem stated while two families were discussed counts for each of them.
                foreach (var (family, model) in discussed)
                {
                    raised.Add(new VoiceByProduct.Raised(visit.Id, visit.AccountId, date, held ? "" : item.Trim(), family, model, key, theme));
                }
            }
        }

        return raised;
    }
}
