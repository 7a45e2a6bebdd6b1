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
}
