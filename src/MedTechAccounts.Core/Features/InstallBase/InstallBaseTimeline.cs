using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.InstallBase;

/// <summary>
/// An account's active install base by product family on an age / end-of-service-life timeline: per family the
/// active devices (ours and competitors'), their average and oldest age, the next end of service life, and how
/// many reach it in each window (already past, within 12 months, in 1–3 years, later, no set service life).
/// </summary>
public static class InstallBaseTimeline
{
    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Result(Guid AccountId, DateOnly Today, IReadOnlyList<FamilyRow> Families)
    {
        public int Active => Families.Sum(f => f.Active);
        public int PastEnd => Families.Sum(f => f.PastEnd);
        public int WithinYear => Families.Sum(f => f.WithinYear);
    }

    /// <summary>One family's active devices; the five window counts add up to <see cref="Active"/>.</summary>
    public sealed record FamilyRow(
        string Family,
        int Active,
        int Ours,
        int Competitors,
        int AverageAgeMonths,
        int OldestAgeMonths,
        DateOnly? NextEndOfServiceLife,
        int PastEnd,
        int WithinYear,
        int OneToThreeYears,
        int Later,
        int NoServiceLife)
    {
        public string AverageAge => ServiceLife.FormatAge(AverageAgeMonths);
        public string OldestAge => ServiceLife.FormatAge(OldestAgeMonths);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(AppDbContext db) => RuleFor(q => q.AccountId).MustExistIn(db.Accounts, "Account");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = ServiceLife.Today(clock);
            var devices = (await db.Devices.AsNoTracking()
                    .Where(d => d.AccountId == query.AccountId && d.Status == DeviceStatus.Active)
                    .Select(d => new { d.Product!.Family, d.InstallDate, d.Product.ServiceLifeMonths, d.Competitor, d.Status })
                    .ToListAsync(cancellationToken))
                .Select(d => new
                {
                    d.Family,
                    Ours = ServiceLife.IsOurs(d.Competitor, d.Status),
                    Age = ServiceLife.AgeInMonths(d.InstallDate, today),
                    End = ServiceLife.EndOfServiceLife(d.InstallDate, d.ServiceLifeMonths),
                })
                .ToList();

            var families = devices.GroupBy(d => d.Family)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FamilyRow(
                    g.Key,
                    g.Count(),
                    g.Count(d => d.Ours),
                    g.Count(d => !d.Ours),
                    (int)Math.Round(g.Average(d => d.Age), MidpointRounding.AwayFromZero),
                    g.Max(d => d.Age),
                    g.Where(d => d.End is not null && d.End >= today).Min(d => d.End),
                    g.Count(d => d.End is { } e && e < today),
                    g.Count(d => d.End is { } e && e >= today && e <= today.AddMonths(12)),
                    g.Count(d => d.End is { } e && e > today.AddMonths(12) && e <= today.AddMonths(36)),
                    g.Count(d => d.End is { } e && e > today.AddMonths(36)),
                    g.Count(d => d.End is null)))
                .ToList();
            return new Result(query.AccountId, today, families);
        }
    }
}
