namespace MedTechAccounts.Core.Domain;

/// <summary>Base of every domain record: a client- or server-generated id and UTC timestamps.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A record people edit. <see cref="Version"/> is an app-managed optimistic-concurrency token:
/// the save interceptor renews it on every update, and commands set its <em>original</em>
/// value from what the editor saw, so a stale edit fails instead of overwriting.
/// </summary>
public abstract class EditableEntity : Entity
{
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Implemented by records that belong to one account, so territory scoping reaches them.</summary>
public interface IAccountOwned
{
    Guid AccountId { get; }
}
