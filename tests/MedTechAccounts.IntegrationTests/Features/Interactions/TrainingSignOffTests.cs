using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Interactions;

/// <summary>In-service training sign-off through the API and the visit form, the attendance sheet and the signature images.</summary>
public abstract class TrainingSignOffTests(AppFactory app)
{
    /// <summary>Two distinct small PNG images (1x1 and 2x1 pixels).</summary>
    private const string Png1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    private const string Png2 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mNk+M9QzwAEjDAAGngCAaW/ClcAAAAASUVORK5CYII=";

    private async Task<(InteractionWorld World, HttpClient Client)> SignedInAsync()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var client = await app.SignInAsync(world.Rep);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, "/accounts/new"));
        return (world, client);
    }

    /// <summary>A training body; <paramref name="at"/> fixes the times so that a replay is the same request.</summary>
    private static object Training(InteractionWorld world, Guid id, DateTime at, string secondSignature = Png2) => new
    {
        Id = id,
        AccountId = world.Account.Id,
        OccurredAt = at.AddMinutes(-50),
        Type = "InServiceTraining",
        DeviceIds = new[] { world.Device.Id },
        Notes = "Alarm limits and the new drug library.",
        Sentiment = 1,
        Source = "Tablet",
        TrainedProductId = world.Device.ProductId,
        Attendees = new object[]
        {
            new { ContactId = world.Contact.Id, Name = world.Contact.Name, Role = "Anesthesiology", Signature = "data:image/png;base64," + Png1, SignedAt = at.AddMinutes(-10) },
            new { Name = "Sam Ortiz", Role = "ICU nurse", Signature = secondSignature, SignedAt = at.AddMinutes(-9) },
        },
    };

    [DbFact]
    public async Task A_training_is_stored_once_with_each_signature_and_its_hash()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();

        var at = DateTime.UtcNow;

        var first = await client.PostAsJsonAsync("/api/interactions", Training(world, id, at), Json.Options);
        var replay = await client.PostAsJsonAsync("/api/interactions", Training(world, id, at), Json.Options);
        var resigned = await client.PostAsJsonAsync("/api/interactions", Training(world, id, at, secondSignature: Png1), Json.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, resigned.StatusCode);
        var logged = await first.Content.ReadFromJsonAsync<InteractionDetails.Result>(Json.Options);
        Assert.Equal(world.Device.ProductId, logged!.TrainedProductId);
        Assert.Equal([world.Contact.Name, "Sam Ortiz"], logged.SignOffs.Select(s => s.AttendeeName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(Png2))), logged.SignOffs[1].SignatureSha256);

        var stored = await app.WithDbAsync(async (db, _) => await db.TrainingSignOffs.Where(s => s.InteractionId == id).OrderBy(s => s.SignedAt).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal(Convert.FromBase64String(Png1), stored[0].SignaturePng);
        Assert.All(stored, s => Assert.Equal(world.Rep.Id, s.RecordedById));
        Assert.Equal(world.Contact.Id, stored[0].ContactId);
        Assert.Null(stored[1].ContactId);

        var image = await client.GetAsync($"/api/interactions/{id}/sign-offs/{stored[1].Id}/signature.png");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Convert.FromBase64String(Png2), await image.Content.ReadAsByteArrayAsync());
    }

    [DbFact]
    public async Task A_signed_training_at_the_calendars_start_is_refused_naming_the_visit_time_not_a_500()
    {
        // Found by the API fuzz: the signing-time rule subtracted its slack from a visit time of 0001-01-01.
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var response = await client.PostAsJsonAsync("/api/interactions", Training(world, id, DateTime.MinValue.AddMinutes(50)), Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OccurredAt", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.Id == id)));
    }

    [DbFact]
    public async Task A_training_without_signatures_is_refused_naming_the_field_and_stores_nothing()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        var body = new
        {
            Id = id, AccountId = world.Account.Id, OccurredAt = DateTime.UtcNow.AddMinutes(-5), Type = "InServiceTraining",
            TrainedProductId = world.Device.ProductId,
            Attendees = new object[] { new { Name = "Sam Ortiz", Signature = "", SignedAt = DateTime.UtcNow } },
        };

        var response = await client.PostAsJsonAsync("/api/interactions", body, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Attendees[0].Signature", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Interactions.CountAsync(i => i.Id == id)));
    }

    [DbFact]
    public async Task The_visit_form_posts_attendees_and_the_account_lists_the_training_with_its_attendance_sheet()
    {
        var (world, client) = await SignedInAsync();
        var formHtml = await client.GetStringAsync($"/accounts/{world.Account.Id}/visits/new");
        var id = InteractionWorld.FormId(formHtml);
        Assert.Contains("Device model trained on", formHtml, StringComparison.Ordinal);
        var token = await AppFactory.AntiforgeryTokenAsync(client, $"/accounts/{world.Account.Id}/visits/new");
        var signedAt = DateTime.UtcNow.AddMinutes(-1).ToString("O");

        var post = await client.PostAsync($"/accounts/{world.Account.Id}/visits/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Id"] = id.ToString(),
            ["OccurredAt"] = InteractionWorld.FormOccurredAt(formHtml),
            ["Type"] = "InServiceTraining",
            ["Source"] = "Web",
            ["TrainedProductId"] = world.Device.ProductId.ToString(),
            ["Attendees[0].ContactId"] = world.Contact.Id.ToString(),
            ["Attendees[0].Name"] = world.Contact.Name,
            ["Attendees[0].Role"] = "Anesthesiology",
            ["Attendees[0].Signature"] = "data:image/png;base64," + Png1,
            ["Attendees[0].SignedAt"] = signedAt,
            ["Attendees[1].ContactId"] = "",
            ["Attendees[1].Name"] = "Sam Ortiz",
            ["Attendees[1].Role"] = "",
            ["Attendees[1].Signature"] = "data:image/png;base64," + Png2,
            ["Attendees[1].SignedAt"] = signedAt,
        }));

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(async (db, _) => await db.TrainingSignOffs.CountAsync(s => s.InteractionId == id)));

        var sheet = WebUtility.HtmlDecode(await client.GetStringAsync($"/interactions/{id}/attendance"));
        Assert.Contains("Infusion pump IP-7", sheet, StringComparison.Ordinal);
        Assert.Contains("Sam Ortiz", sheet, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64," + Png2, sheet, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(Png1))), sheet, StringComparison.Ordinal);

        var trainings = await app.WithDbAsync(async (db, _) =>
        {
            return await new AccountTrainings.Handler(db).Handle(new AccountTrainings.Query(world.Account.Id), default);
        });
        var family = Assert.Single(trainings.Families);
        Assert.Equal("Infusion", family.Name);
        Assert.Equal(2, Assert.Single(family.Trainings).Signed);
    }

    [DbFact]
    public async Task A_signed_training_keeps_its_type_and_another_territory_cannot_see_its_sheet()
    {
        var (world, client) = await SignedInAsync();
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/interactions", Training(world, id, DateTime.UtcNow), Json.Options)).StatusCode);
        var stored = await client.GetFromJsonAsync<InteractionDetails.Result>($"/api/interactions/{id}", Json.Options);

        var retyped = await client.PutAsJsonAsync($"/api/interactions/{id}", new
        {
            stored!.AccountId, stored.OccurredAt, Type = "Visit", stored.ContactIds, stored.DeviceIds, stored.Notes, stored.Sentiment, stored.Version,
        }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, retyped.StatusCode);
        Assert.Contains("attendees signed", await retyped.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var stranger = await InteractionWorld.CreateAsync(app);
        var strangerClient = await app.SignInAsync(stranger.Rep);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/interactions/{id}/attendance")).StatusCode);
        var signOffId = await app.WithDbAsync(async (db, _) => await db.TrainingSignOffs.Where(s => s.InteractionId == id).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/api/interactions/{id}/sign-offs/{signOffId}/signature.png")).StatusCode);
    }
}

public sealed class TrainingSignOffTestsOnSqlite(SqliteAppFactory app) : TrainingSignOffTests(app), IClassFixture<SqliteAppFactory>;

public sealed class TrainingSignOffTestsOnPostgreSql(PostgreSqlAppFactory app) : TrainingSignOffTests(app), IClassFixture<PostgreSqlAppFactory>;
