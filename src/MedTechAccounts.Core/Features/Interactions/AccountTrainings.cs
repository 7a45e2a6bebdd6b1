using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>An account's in-service trainings grouped by device family, newest first in each (the account page's list).</summary>
public static class AccountTrainings
{
    public sealed record Query(Guid AccountId) : IQuery<Result>;

    public sealed record Training(Guid InteractionId, DateTime OccurredAt, string Model, string RepName, int Signed);

    public sealed record Family(string Name, IReadOnlyList<Training> Trainings);

    public sealed record Result(IReadOnlyList<Family> Families);

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.Interactions.AsNoTracking()
                .Where(i => i.AccountId == query.AccountId && i.Type == InteractionType.InServiceTraining)
                .OrderByDescending(i => i.OccurredAt)
                .Select(i => new
                {
                    i.Id,
                    i.OccurredAt,
                    Family = i.TrainedProduct != null ? i.TrainedProduct.Family : null,
                    Model = i.TrainedProduct != null ? i.TrainedProduct.Name : null,
                    RepName = i.Rep!.DisplayName,
                    Signed = i.SignOffs.Count,
                })
                .Take(500)
                .ToListAsync(cancellationToken);

            // Trainings logged before sign-off existed name no model: they are listed, honestly, as such.
            return new Result([.. rows
                .GroupBy(r => r.Family ?? "Model not recorded")
                .OrderBy(g => g.Key == "Model not recorded").ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new Family(g.Key, [.. g.Select(r => new Training(r.Id, r.OccurredAt, r.Model ?? "—", r.RepName, r.Signed))]))]);
        }
    }
}
