using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// How a command that a client may send again unchanged (a tablet whose answer was lost) finds the answer it
/// already got. Registered per command; found means "stored, identical": anything else goes to the handler, which
/// decides inside the unit of work (a race, or the same id with other content).
/// </summary>
public interface IStoredAnswer<in TCommand, TResponse>
{
    ValueTask<(bool Found, TResponse Answer)> FindAsync(TCommand command, CancellationToken ct);
}

/// <summary>Answers an identical replay from a read, before the unit of work, so a replay never queues for the write lock.</summary>
public sealed class ReplayBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (services.GetService<IStoredAnswer<TMessage, TResponse>>() is { } stored
            && await stored.FindAsync(message, cancellationToken) is (true, var answer))
        {
            return answer;
        }

        return await next(message, cancellationToken);
    }
}
