using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Core.Features.Audit;

/// <summary>The entity type names audit entries can carry, for the audit filter's suggestions. Read from the model, not the table.</summary>
public static class AuditedEntityTypes
{
    public sealed record Query : IQuery<IReadOnlyList<string>>;

    public sealed class Handler(AppDbContext db) : IQueryHandler<Query, IReadOnlyList<string>>
    {
        public ValueTask<IReadOnlyList<string>> Handle(Query query, CancellationToken cancellationToken)
        {
            IReadOnlyList<string> names = db.Model.GetEntityTypes()
                .Select(t => t.ClrType)
                .Where(t => (t.Namespace == typeof(Account).Namespace && t != typeof(AuditEntry))
                    || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<>)))
                .Select(t => t.Name)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
            return ValueTask.FromResult(names);
        }
    }
}
