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

    /// <summary>
    /// Makes the contacts and devices discussed exactly these (the form, the API and the import alike); a link
    /// removed from the collection is deleted with the save. True when a link was added or removed.
    /// </summary>
    public bool SetLinks(IEnumerable<Guid>? contactIds, IEnumerable<Guid>? deviceIds)
    {
        var contacts = (contactIds ?? []).ToHashSet();
        var devices = (deviceIds ?? []).ToHashSet();
        var removed = Contacts.RemoveAll(c => !contacts.Contains(c.ContactId)) + Devices.RemoveAll(d => !devices.Contains(d.DeviceId));
        var added = 0;
        foreach (var id in contacts.Where(id => Contacts.All(c => c.ContactId != id)))
        {
            Contacts.Add(new InteractionContact { InteractionId = Id, ContactId = id });
            added++;
        }

        foreach (var id in devices.Where(id => Devices.All(d => d.DeviceId != id)))
        {
            Devices.Add(new InteractionDevice { InteractionId = Id, DeviceId = id });
            added++;
        }

        return removed + added > 0;
    }
}

/// <summary>Lengths and counts of an interaction, as the columns allow: the visit form, the API and the import hold them.</summary>
public static class InteractionLimits
{
    public const int MaxNotes = 4000;
    public const int MaxNextStep = 500;
    public const int MaxVoiceOfCustomer = 2000;
    public const int MaxProblem = 300;
    public const int MaxProblems = 20;
    public const int MaxContacts = 50;
    public const int MaxDevices = 100;
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
