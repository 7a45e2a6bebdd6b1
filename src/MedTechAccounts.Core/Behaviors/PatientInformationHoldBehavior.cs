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
/// The hold rule, the one place every path that stores notes asks (the pipeline step below for the forms and the API,
/// the interaction import for each line): the reasons to hold the notes, none when they look clean or the person
/// confirmed they hold no patient information.
/// </summary>
public static class PatientInformationHold
{
    public static IReadOnlyList<string> Reasons(string? notes, bool confirmedNoPatientInformation) =>
        confirmedNoPatientInformation ? [] : PatientIdentifierCheck.Check(notes);
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
        if (PatientInformationHold.Reasons(message.Notes, message.ConfirmedNoPatientInformation) is { Count: > 0 } reasons)
        {
            throw new PatientInformationHeldException(reasons);
        }

        return next(message, cancellationToken);
    }
}
