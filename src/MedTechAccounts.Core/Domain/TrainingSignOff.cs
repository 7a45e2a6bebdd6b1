namespace MedTechAccounts.Core.Domain;

/// <summary>
/// One attendee's signature on an in-service training (an <see cref="Interaction"/> of type
/// <see cref="InteractionType.InServiceTraining"/>). A regulated record for a device maker: written once with
/// its visit and never changed or deleted (the save interceptor refuses both). <see cref="SignatureSha256"/>
/// ties the stored image to this record: the attendance sheet shows it, and anyone can recompute it.
/// </summary>
public class TrainingSignOff : Entity, IAccountOwned
{
    public Guid InteractionId { get; set; }
    public Interaction? Interaction { get; set; }
    public Guid AccountId { get; set; }

    /// <summary>The attendee when they are a contact of the account; many attendees (floor nurses) are not.</summary>
    public Guid? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public string AttendeeName { get; set; } = "";

    /// <summary>Job title or unit as the attendee gave it ("ICU nurse"); never patient information.</summary>
    public string? AttendeeRole { get; set; }

    /// <summary>The signature as drawn on the tablet, a PNG image.</summary>
    public byte[] SignaturePng { get; set; } = [];

    /// <summary>SHA-256 (hex) of <see cref="SignaturePng"/>.</summary>
    public string SignatureSha256 { get; set; } = "";

    /// <summary>When the attendee signed, by the tablet's clock (it may have been offline), in UTC.</summary>
    public DateTime SignedAt { get; set; }

    /// <summary>The rep who ran the training and collected the signature.</summary>
    public Guid RecordedById { get; set; }
}
