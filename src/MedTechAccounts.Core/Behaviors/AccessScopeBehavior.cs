using Mediator;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// Resolves the current actor's territories into the context once per scope, before validators
/// or handlers query anything, so the global query filters scope every read and write.
/// </summary>
public sealed class AccessScopeBehavior<TMessage, TResponse>(AppDbContext db, ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!db.ScopeResolved)
        {
            await db.ApplyScopeAsync(currentUser, cancellationToken);
        }

        return await next(message, cancellationToken);
    }
}
