using System.Diagnostics;
using System.Net;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Features.Interchange;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>
/// The crafted-file corpus: for every import kind, generated files with bad headers, bad quoting, bad values, unknown
/// and duplicate keys, non-UTF-8 bytes and no content, uploaded as an administrator through the real page. Each is
/// refused naming every bad line and column, and the database (every table, the audit trail included) is exactly as
/// before. The variants a real file has (byte order mark, mixed line ends, another column order) are accepted. And a
/// file of interactions whose notes look like patient information is held, as the visit form and the API hold them.
/// </summary>
public abstract class CraftedFileTests(AppFactory app, ITestOutputHelper output)
{
    private const ulong Seed = 20261203;

    /// <summary>The kind of the 100,000-line file, one per provider to keep the run short.</summary>
    protected abstract string BigFileKind { get; }

    [DbFact]
    public async Task Every_kind_refuses_each_crafted_file_naming_every_bad_line_and_column_and_writes_nothing()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var corpus = new CraftedFileCorpus(world, Seed);
        var (client, token) = await AdminAsync();
        var failures = new List<string>();
        var files = 0;
        var clock = Stopwatch.StartNew();

        foreach (var kind in CraftedFileCorpus.Kinds)
        {
            // Once per kind: a refused file cannot undo another's write, so any write shows here.
            var before = await DatabaseFingerprint.TakeAsync(app);
            foreach (var file in corpus.BadFiles(kind))
            {
                files++;
                failures.AddRange(await ProblemsWithAnswerAsync(client, token, file));
            }

            var changes = (await DatabaseFingerprint.TakeAsync(app)).DifferencesFrom(before);
            if (changes.Length > 0)
            {
                failures.Add($"{kind}: the refused files wrote {changes}");
            }
        }

        output.WriteLine($"{files} crafted files of {CraftedFileCorpus.Kinds.Count} kinds in {clock.ElapsedMilliseconds:N0} ms");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [DbFact]
    public async Task Every_kind_accepts_a_byte_order_mark_mixed_line_ends_and_reordered_columns_and_a_header_alone_writes_nothing()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var corpus = new CraftedFileCorpus(world, Seed);
        var (client, token) = await AdminAsync();
        var failures = new List<string>();

        foreach (var file in CraftedFileCorpus.Kinds.SelectMany(corpus.AcceptedFiles))
        {
            var before = file.Created == 0 ? await DatabaseFingerprint.TakeAsync(app) : null;
            var response = await client.PostImportAsync(token, file.Kind, file.Content);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                failures.Add($"{file}: {(int)response.StatusCode} {string.Join("; ", await response.ImportErrorsAsync())}");
                continue;
            }

            var status = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/interchange"));
            if (!status.Contains($"Imported {file.Kind}: {file.Created} created, 0 updated, 0 unchanged ({file.Created} lines).", StringComparison.Ordinal))
            {
                failures.Add($"{file}: expected {file.Created} created");
            }

            if (before is not null && (await DatabaseFingerprint.TakeAsync(app)).DifferencesFrom(before) is { Length: > 0 } changes)
            {
                failures.Add($"{file}: wrote {changes}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [DbFact]
    public async Task One_bad_line_deep_in_a_100000_line_file_is_named_and_nothing_is_written()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var file = new CraftedFileCorpus(world, Seed).BigFile(BigFileKind, 100_000);
        var (client, token) = await AdminAsync();
        var before = await DatabaseFingerprint.TakeAsync(app);
        var clock = Stopwatch.StartNew();

        var failures = await ProblemsWithAnswerAsync(client, token, file);
        var elapsed = clock.ElapsedMilliseconds;
        var changes = (await DatabaseFingerprint.TakeAsync(app)).DifferencesFrom(before);

        output.WriteLine($"{file}: {file.Content.Length / 1024:N0} KiB, refused in {elapsed:N0} ms");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(changes.Length == 0, changes);
    }

    [DbFact]
    public async Task Flagged_notes_refuse_their_lines_with_the_reasons_and_write_nothing_until_the_import_is_confirmed()
    {
        var world = await InterchangeWorld.CreateAsync(app);
        var s = world.Suffix;
        var (client, token) = await AdminAsync();
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

    private async Task<(HttpClient Client, string Token)> AdminAsync()
    {
        var (client, _) = await app.SignedInAdminAsync();
        return (client, await AppFactory.AntiforgeryTokenAsync(client, "/admin/interchange"));
    }

    /// <summary>What is wrong with the answer to <paramref name="file"/>: not a 422, or a problem missing, extra or without a reason.</summary>
    private static async Task<List<string>> ProblemsWithAnswerAsync(HttpClient client, string token, CraftedFile file)
    {
        var failures = new List<string>();
        var response = await client.PostImportAsync(token, file.Kind, file.Content);
        if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            failures.Add($"{file}: {(int)response.StatusCode} instead of 422");
        }

        var errors = await response.ImportErrorsAsync();
        if (!errors.Select(e => (e.Line, e.Column)).ToHashSet().SetEquals(file.Expected) || errors.Any(e => e.Reason.Length == 0))
        {
            failures.Add($"{file}: expected {string.Join(", ", file.Expected.Order())}, got {string.Join("; ", errors)}");
        }

        return failures;
    }
}

public sealed class CraftedFileTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output) : CraftedFileTests(app, output), IClassFixture<SqliteAppFactory>
{
    protected override string BigFileKind => "devices";
}

public sealed class CraftedFileTestsOnPostgreSql(PostgreSqlAppFactory app, ITestOutputHelper output) : CraftedFileTests(app, output), IClassFixture<PostgreSqlAppFactory>
{
    protected override string BigFileKind => "orders";
}
