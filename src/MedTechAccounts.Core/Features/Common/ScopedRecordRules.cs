using System.Linq.Expressions;
using FluentValidation;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Common;

public static class ScopedRecordRules
{
    /// <summary>
    /// The record a command targets must exist within the caller's territories; otherwise the
    /// command is "not found" (404), before any field is validated, so a foreign record never
    /// answers with validation details. Declare this rule first.
    /// </summary>
    public static IRuleBuilderOptions<T, Guid> MustExistIn<T, TEntity>(this IRuleBuilder<T, Guid> rule, IQueryable<TEntity> records, string entity)
        where TEntity : Entity =>
        rule.MustAsync(async (id, ct) => await records.AnyAsync(r => r.Id == id, ct) ? true : throw new NotFoundException(entity, id));

    /// <summary>
    /// The one answer when a new record's id or key is held by a record outside the caller's territories: a 409
    /// that names no record, no kind and no territory (README, "Existence of records outside your territories").
    /// </summary>
    public const string KeyInUse = "This value is already in use. Nothing was changed; choose another value.";

    /// <summary>
    /// True when no record, in any territory, matches <paramref name="holder"/> (ids, external ids and serial
    /// numbers stay unique across the whole database); false when a record the caller can see does, so the rule's
    /// own message names the field. When only records outside the caller's territories match, throws a
    /// <see cref="ConflictException"/> with <see cref="KeyInUse"/>, so the answer confirms nothing about them
    /// beyond the key being taken.
    /// </summary>
    public static async Task<bool> IsFreeAsync<TEntity>(this IQueryable<TEntity> records, Expression<Func<TEntity, bool>> holder, CancellationToken ct)
        where TEntity : class
    {
        if (!await records.IgnoreQueryFilters().AnyAsync(holder, ct))
        {
            return true;
        }

        return await records.AnyAsync(holder, ct) ? false : throw new ConflictException(KeyInUse);
    }
}
