using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.Core.Features.Interactions;

/// <summary>
/// Loads an interaction's contacts, devices and sign-offs by its key, after the interaction itself passed the scope
/// filter (its links belong to it, so they need no filter of their own). An <c>Include</c> would join each link to
/// its scope-filtered contact or device and account, which SQLite evaluates for the whole territory before joining
/// the one interaction: half a second per visit on the large profile.
/// </summary>
internal static class InteractionLinks
{
    /// <summary>Fills the links of an interaction read without tracking.</summary>
    public static async Task LoadAsync(AppDbContext db, Interaction interaction, bool signOffs, CancellationToken ct)
    {
        interaction.Contacts = await db.InteractionContacts.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.InteractionId == interaction.Id).ToListAsync(ct);
        interaction.Devices = await db.InteractionDevices.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.InteractionId == interaction.Id).ToListAsync(ct);
        if (signOffs)
        {
            interaction.SignOffs = await db.TrainingSignOffs.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.InteractionId == interaction.Id).ToListAsync(ct);
        }
    }

    /// <summary>Loads the links of a tracked interaction into the change tracker, so an edit can replace them.</summary>
    public static async Task LoadTrackedAsync(AppDbContext db, Interaction interaction, CancellationToken ct)
    {
        await db.Entry(interaction).Collection(i => i.Contacts).Query().IgnoreQueryFilters().LoadAsync(ct);
        await db.Entry(interaction).Collection(i => i.Devices).Query().IgnoreQueryFilters().LoadAsync(ct);
    }
}
