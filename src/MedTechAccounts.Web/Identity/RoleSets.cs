using MedTechAccounts.Core.Domain;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Who may do what: every role list the controllers authorize with (<c>[Authorize(Roles = RoleSets.…)]</c>), in one
/// place. The handlers check the same rules again (DESIGN 10): a role set here only keeps a caller off a page.
/// </summary>
public static class RoleSets
{
    /// <summary>Field work: accounts, contacts, devices, incidents, visits, closing tasks. Executives read these.</summary>
    public const string FieldWriters = $"{Roles.Rep},{Roles.Manager},{Roles.Admin}";

    /// <summary>
    /// What a manager keeps: orders (they usually arrive by import; a manager enters or corrects one by hand, reps read
    /// their accounts' orders), contracts, survey answers (an NPS answer taken down by the rep whose relationship it rates
    /// would not be an independent measure), handover plans and reassignments.
    /// </summary>
    public const string ManagerWriters = $"{Roles.Manager},{Roles.Admin}";

    /// <summary>Team and company views: the manager dashboard, targets, departure exposure, task effects.</summary>
    public const string Leadership = $"{Roles.Manager},{Roles.Executive},{Roles.Admin}";

    /// <summary>The executive dashboard and the quarterly targets' edits.</summary>
    public const string Executives = $"{Roles.Executive},{Roles.Admin}";

    /// <summary>The customer's voice by product.</summary>
    public const string VoiceReaders = $"{Roles.Product},{Roles.Manager},{Roles.Executive},{Roles.Admin}";

    /// <summary>Answering the voice ("heard by product") and editing its synonyms.</summary>
    public const string VoiceResponders = $"{Roles.Product},{Roles.Admin}";
}
