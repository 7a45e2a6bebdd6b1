using System.Net;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Interchange;

/// <summary>
/// The interaction import holds notes that look like patient information, as the visit form and the API do. A class
/// of its own: the confirmed notes it stores would hold the round trips of <see cref="InterchangeTests"/> too.
/// </summary>
public abstract class InteractionImportHoldTests(AppFactory app)
{
    [DbFact]
    public async Task Flagged_notes_refuse_their_lines_with_the_reasons_and_write_nothing_until_the_import_is_confirmed()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        var (client, _) = await app.SignedInAdminAsync();
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/admin/interchange");
        string Line(string id, string notes) =>
            $"HOLD-{s}-{id},{world.Child.ExternalId},{world.Rep.Email},2025-04-01T09:00:00Z,Visit,,,1,{notes},,,\r\n";
        var csv =
            "external_id,account_external_id,rep_email,occurred_at,type,contact_external_ids,serial_numbers,sentiment,notes,voice_of_customer,next_step,next_step_due\r\n" +
            Line("1", "Reviewed the pump fleet with biomed") +
            Line("2", "Asked about MRN 1234567 on the alarm log") +
            Line("3", "\"Two lines,\nthe patient John Smith, DOB 01/02/1960\"") +
            Line("4", "Serial 12345 and lot 4471 checked in room 3 in the OR");
        var before = await DatabaseFingerprint.TakeAsync(app);

        var held = await client.PostImportAsync(token, "interactions", csv);
        var errors = await held.ImportErrorsAsync();
        var unchanged = (await DatabaseFingerprint.TakeAsync(app)).DifferencesFrom(before);
        var confirmed = await client.PostImportAsync(token, "interactions", System.Text.Encoding.UTF8.GetBytes(csv), confirmedNoPatientInformation: true);
        var status = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/interchange"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, held.StatusCode);
        Assert.Equal(
        [
            "line 3: notes: The notes look like they contain a medical record number.",
            "line 4: notes: The notes look like they contain a date of birth.",
            "line 4: notes: The notes look like they name a patient.",
        ], errors.Select(e => e.ToString()));
        Assert.Equal("", unchanged);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Imported interactions: 4 created, 0 updated, 0 unchanged (4 lines).", status, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(async (db, _) => await db.Interactions.Where(i => i.ExternalId.StartsWith($"HOLD-{s}-")).OrderBy(i => i.ExternalId).Select(i => i.Notes).ToListAsync());
        Assert.Equal(
            ["Reviewed the pump fleet with biomed", "Asked about MRN 1234567 on the alarm log", "Two lines,\nthe patient John Smith, DOB 01/02/1960", "Serial 12345 and lot 4471 checked in room 3 in the OR"],
            stored);
    }
}

public sealed class InteractionImportHoldTestsOnSqlite(SqliteAppFactory app) : InteractionImportHoldTests(app), IClassFixture<SqliteAppFactory>;

public sealed class InteractionImportHoldTestsOnPostgreSql(PostgreSqlAppFactory app) : InteractionImportHoldTests(app), IClassFixture<PostgreSqlAppFactory>;
