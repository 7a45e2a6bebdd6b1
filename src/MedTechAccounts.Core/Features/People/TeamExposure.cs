using Mediator;
using MedTechAccounts.Core.Behaviors;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.People;

/// <summary>
/// Departure exposure of everyone who met the caller's accounts, per region (a manager sees their region, an executive
/// every region): per person the exposed accounts, the contacts only they met and the CLV at stake, ranked by CLV at
/// stake. A person who met accounts in two regions has a row in each.
/// </summary>
public static class TeamExposure
{
    /// <summary>The ranking depends only on the caller's scope: served from the dashboards' short-lived cache.</summary>
    public sealed record Query : IQuery<Result>, ICachedQuery;

    public sealed record Result
    {
        public DateTime AsOf { get; init; }
        public DateOnly InteractionsSince { get; init; }
        public DateOnly ContactsSince { get; init; }
        public double Threshold { get; init; }
        public IReadOnlyList<RegionRow> Regions { get; init; } = [];

        /// <summary>The most CLV at stake first.</summary>
        public IReadOnlyList<PersonRow> People { get; init; } = [];
    }

    public sealed record PersonRow
    {
        public Guid PersonId { get; init; }
        public string Name { get; init; } = "";
        public bool IsActive { get; init; }
        public string Region { get; init; } = "";
        public int AccountsMet { get; init; }
        public int ExposedAccounts { get; init; }
        public int SoleContacts { get; init; }
        public decimal ClvAtStake { get; init; }
    }

    public sealed record RegionRow(string Region, int People, int ExposedAccounts, int SoleContacts, decimal ClvAtStake);

    internal sealed class Handler(AppDbContext db, ExposureReader reader) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var snapshot = await reader.ReadAsync(null, cancellationToken);
            var exposure = snapshot.Exposure;
            var soleByPerson = exposure.Rows.Select(r => r.PersonId).Distinct()
                .ToDictionary(p => p, p => exposure.SoleContactsOf(p).GroupBy(m => snapshot.Accounts[m.AccountId].Region).ToDictionary(g => g.Key, g => g.Count()));
            var ids = exposure.Rows.Select(r => r.PersonId).Distinct().ToList();
            var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, u.IsActive })
                .ToDictionaryAsync(u => u.Id, cancellationToken);

            var rows = exposure.Rows
                .Where(r => people.ContainsKey(r.PersonId))
                .GroupBy(r => (r.PersonId, snapshot.Accounts[r.AccountId].Region))
                .Select(g => new PersonRow
                {
                    PersonId = g.Key.PersonId,
                    Name = people[g.Key.PersonId].DisplayName,
                    IsActive = people[g.Key.PersonId].IsActive,
                    Region = g.Key.Region,
                    AccountsMet = g.Count(),
                    ExposedAccounts = g.Count(r => r.Exposed),
                    SoleContacts = soleByPerson.GetValueOrDefault(g.Key.PersonId)?.GetValueOrDefault(g.Key.Region) ?? 0,
                    ClvAtStake = g.Sum(r => r.ClvAtStake),
                })
                .OrderByDescending(r => r.ClvAtStake).ThenByDescending(r => r.ExposedAccounts).ThenByDescending(r => r.SoleContacts)
                .ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.PersonId).ThenBy(r => r.Region, StringComparer.Ordinal)
                .ToList();
            var regions = rows.GroupBy(r => r.Region)
                .Select(g => new RegionRow(g.Key, g.Count(), g.Sum(r => r.ExposedAccounts), g.Sum(r => r.SoleContacts), g.Sum(r => r.ClvAtStake)))
                .OrderByDescending(r => r.ClvAtStake).ThenBy(r => r.Region, StringComparer.Ordinal)
                .ToList();
            return new Result
            {
                AsOf = snapshot.Now, InteractionsSince = DateOnly.FromDateTime(snapshot.Since), ContactsSince = DateOnly.FromDateTime(snapshot.ContactsSince),
                Threshold = snapshot.Threshold, Regions = regions, People = rows,
            };
        }
    }
}
