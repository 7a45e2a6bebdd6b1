using Mediator;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.Core.Infrastructure;

namespace MedTechAccounts.Core.Behaviors;

/// <summary>
/// A command that stores notes typed by a person. Notes that <see cref="PatientIdentifierCheck"/> flags are held
/// (not stored) until the person confirms they hold no patient information.
/// </summary>
public interface IPatientInformationGuarded
{
    string? Notes { get; }

    /// <summary>The person saw the reasons the notes were held and confirmed they contain no patient information.</summary>
    bool ConfirmedNoPatientInformation { get; }
}

/// <summary>
/// Holds flagged notes before the unit of work, so nothing is stored and nothing audited: the command stops with
/// <see cref="PatientInformationHeldException"/> (422) and its reasons. Runs after <see cref="ReplayBehavior{TMessage, TResponse}"/>,
/// so an identical replay of a stored visit is answered as before.
/// </summary>
public sealed class PatientInformationHoldBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IPatientInformationGuarded, IBaseCommand
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (!message.ConfirmedNoPatientInformation && PatientIdentifierCheck.Check(message.Notes) is { Count: > 0 } reasons)
        {
            throw new PatientInformationHeldException(reasons);
        }

        return next(message, cancellationToken);
    }
}
