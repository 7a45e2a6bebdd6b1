namespace MedTechAccounts.Core.Infrastructure;

/// <summary>The record does not exist or lies outside the caller's territories (both answer 404).</summary>
public sealed class NotFoundException(string entity, object key)
    : Exception($"{entity} '{key}' was not found.")
{
    public string Entity { get; } = entity;
}

/// <summary>Someone else changed the record since it was read, or the request conflicts with stored data (409).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>Input failed validation; failures are keyed by the property (field) name.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The caller is signed in but lacks the role for this operation (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>
/// The notes look like they hold patient information and the person has not confirmed they do not (422): nothing
/// was stored. <see cref="Reasons"/> holds one message per kind of identifier found.
/// </summary>
public sealed class PatientInformationHeldException(IReadOnlyList<string> reasons)
    : Exception("The notes were held: " + string.Join(" ", reasons))
{
    /// <summary>The field the reasons belong to.</summary>
    public const string Field = "Notes";

    public IReadOnlyList<string> Reasons { get; } = reasons;
}
