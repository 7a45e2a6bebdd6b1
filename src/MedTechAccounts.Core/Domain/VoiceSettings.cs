namespace MedTechAccounts.Core.Domain;

/// <summary>
/// The editable synonym list that groups the customers' stated problems into themes (one row). Each line reads
/// <c>phrase = theme</c>: an item whose normalised text contains the phrase belongs to that theme.
/// </summary>
public class VoiceSettings : EditableEntity
{
    /// <summary>The single row's id.</summary>
    public static readonly Guid SingletonId = new("5c0e3ca2-d000-4000-8000-000000000005");

    public const int MaxSynonyms = 20_000;

    public string Synonyms { get; set; } = "";
}

/// <summary>
/// Product's answer to a theme the customers raised ("heard by product"): each account that raised it gets a task
/// for its rep to tell the customer.
/// </summary>
public class VoiceResponse : Entity
{
    public string ThemeKey { get; set; } = "";
    public string Theme { get; set; } = "";

    /// <summary>The product family the answer is about; empty for every family.</summary>
    public string Family { get; set; } = "";
    public string Response { get; set; } = "";
    public Guid RespondedById { get; set; }
    public DateTime RespondedAt { get; set; }

    /// <summary>How many accounts' reps were given a task to pass the answer on.</summary>
    public int AccountsTold { get; set; }
}
