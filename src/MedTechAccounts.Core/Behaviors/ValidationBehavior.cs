using FluentValidation;
using Mediator;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>Runs the slice's validators; any failure stops the message with one exception keyed by field.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = NulCharacters.FieldsOf(message).Select(field => new FluentValidation.Results.ValidationFailure(field, $"{field} cannot contain the NUL character.")).ToList();
        foreach (var validator in failures.Count > 0 ? [] : validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures
                .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
        }

        return await next(message, cancellationToken);
    }
}
