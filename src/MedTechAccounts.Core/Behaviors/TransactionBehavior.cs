using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// Unit of work for commands: the handler runs inside the provider's execution strategy and one
/// transaction; the behavior saves once (audit rows and stale marks included) and commits.
/// Handlers never call SaveChanges.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(AppDbContext db, SqliteWriteGate writeGate)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Already inside a unit of work (a command sent by another command).
            return await next(message, cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var turn = await writeGate.EnterAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var response = await next(message, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException(
                    "Someone else changed this record after you opened it. Nothing was saved; reload to see their change and apply yours again.");
            }
            catch (DbUpdateException e) when (DuplicateKeys.Caused(e))
            {
                // Names no record: the other one may be in a territory the caller cannot see.
                throw new ConflictException(
                    "Another change saved a record with the same name or key at the same moment. Nothing was saved; reload and try again.");
            }

            await transaction.CommitAsync(ct);
            return response;
        }, cancellationToken);
    }
}
