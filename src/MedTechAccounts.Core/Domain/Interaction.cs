namespace MedTechAccounts.Core.Domain;

/// <summary>A rep's touch with an account. The client generates <see cref="Entity.Id"/>, which makes logging idempotent.</summary>
public class Interaction : EditableEntity, IAccountOwned
{
    public string ExternalId { get; set; } = "";
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public Guid RepId { get; set; }
    public ApplicationUser? Rep { get; set; }
    public DateTime OccurredAt { get; set; }
    public InteractionType Type { get; set; }
    public List<InteractionContact> Contacts { get; set; } = [];
    public List<InteractionDevice> Devices { get; set; } = [];
    public string? Notes { get; set; }

    /// <summary>Problems the customer stated, one per line (never the solution they asked for).</summary>
    public string? VoiceOfCustomer { get; set; }

    /// <summary>-2 (very negative) .. +2 (very positive).</summary>
    public int Sentiment { get; set; }
    public string? NextStep { get; set; }
    public DateOnly? NextStepDue { get; set; }
    public DateTime? NextStepDoneAt { get; set; }
    public InteractionSource Source { get; set; }

    /// <summary>For an in-service training: the device model (catalog product) the attendees were trained on.</summary>
    public Guid? TrainedProductId { get; set; }
    public Product? TrainedProduct { get; set; }

    /// <summary>For an in-service training: the attendees' signatures, written with the visit and never changed.</summary>
    public List<TrainingSignOff> SignOffs { get; set; } = [];

    /// <summary>Hash of the request that created it, so a replay with a different body is recognised.</summary>
    public string? RequestHash { get; set; }
}

public class InteractionContact
{
    public Guid InteractionId { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
}

public class InteractionDevice
{
    public Guid InteractionId { get; set; }
    public Guid DeviceId { get; set; }
    public InstalledDevice? Device { get; set; }
}
