using System.Net;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Interactions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Features.Interactions;

/// <summary>The rep's home page: open next steps soonest first, overdue marked, and completing one.</summary>
public abstract class NextStepsTests(AppFactory app)
{
    private Task<LogVisit.Result> LogAsync(InteractionWorld world, ApplicationUser rep, string nextStep, int dueInDays, int daysAgo = 0) =>
        app.SendAsAsync(TestUser.Of(rep, Roles.Rep), s => s.Send(new LogVisit.Command
        {
            Id = Guid.NewGuid(), AccountId = world.Account.Id, OccurredAt = DateTime.UtcNow.AddDays(-daysAgo).AddMinutes(-5),
            NextStep = nextStep, NextStepDue = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(dueInDays),
        }));

    [DbFact]
    public async Task My_open_next_steps_are_listed_soonest_first_with_the_overdue_ones_marked()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var colleague = await app.CreateUserAsync(Roles.Rep, [world.Territory.Id]);
        await LogAsync(world, world.Rep, "Later step", 9);
        await LogAsync(world, world.Rep, "Overdue step", -2, daysAgo: 5);
        await LogAsync(world, world.Rep, "Soon step", 1);
        await LogAsync(world, colleague, "Colleague step", 1);
        var client = await app.SignInAsync(world.Rep);

        var home = await client.GetStringAsync("/");

        Assert.Contains("My open next steps", home);
        var overdue = home.IndexOf("Overdue step", StringComparison.Ordinal);
        var soon = home.IndexOf("Soon step", StringComparison.Ordinal);
        var later = home.IndexOf("Later step", StringComparison.Ordinal);
        Assert.True(overdue >= 0 && overdue < soon && soon < later, "next steps are ordered by due date");
        Assert.DoesNotContain("Colleague step", home);
        Assert.Contains("Overdue</span>", home);
        Assert.Contains("list-group-item-danger", home);
        Assert.Contains($"/accounts/{world.Account.Id}/visits/new", home);
        Assert.Contains("My accounts:", home);
    }

    [DbFact]
    public async Task The_home_page_shows_the_soonest_ten_with_the_counts_and_a_link_to_all_of_them()
    {
        var world = await InteractionWorld.CreateAsync(app);
        for (var n = 1; n <= RepHome.NextStepsShown + 3; n++)
        {
            // Steps 1 and 2 are overdue; due dates grow with the number, so the home page shows steps 1 to 10.
            await LogAsync(world, world.Rep, $"Numbered step {n:D2}", n - 3, daysAgo: 5);
        }

        var client = await app.SignInAsync(world.Rep);

        var home = await client.GetStringAsync("/");
        var all = await client.GetStringAsync("/next-steps");

        Assert.All(Enumerable.Range(1, RepHome.NextStepsShown), n => Assert.Contains($"Numbered step {n:D2}", home));
        Assert.All(Enumerable.Range(RepHome.NextStepsShown + 1, 3), n => Assert.DoesNotContain($"Numbered step {n:D2}", home));
        Assert.Contains($"<a href=\"/next-steps\">All {RepHome.NextStepsShown + 3} open next steps</a>", home);
        Assert.Contains("2 overdue</span>", home);
        Assert.All(Enumerable.Range(1, RepHome.NextStepsShown + 3), n => Assert.Contains($"Numbered step {n:D2}", all));
    }

    [DbFact]
    public async Task Completing_a_next_step_removes_it_from_the_home_page_and_a_second_completion_is_refused()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var logged = await LogAsync(world, world.Rep, "Send the quote", 3);
        var client = await app.SignInAsync(world.Rep);
        var url = $"/interactions/{logged.Interaction.Id}/next-step/done";

        var first = await AppFactory.PostFormAsync(client, "/", url, new Dictionary<string, string?> { ["Version"] = logged.Interaction.Version.ToString() });
        var second = await AppFactory.PostWithSessionTokenAsync(client, "/accounts/new", url, new Dictionary<string, string?> { ["Version"] = logged.Interaction.Version.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already marked done", await second.Content.ReadAsStringAsync());
        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("Send the quote", home);
        var stored = await app.WithDbAsync(async (db, _) => await db.Interactions.SingleAsync(i => i.Id == logged.Interaction.Id));
        Assert.NotNull(stored.NextStepDoneAt);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries
            .AnyAsync(e => e.EntityId == logged.Interaction.Id.ToString() && e.Field == nameof(Interaction.NextStepDoneAt) && e.UserName == world.Rep.Email));
        Assert.True(audit);
    }

    [DbFact]
    public async Task Completing_with_a_stale_version_is_refused_and_changes_nothing()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var logged = await LogAsync(world, world.Rep, "Call biomed", 3);
        await app.SendAsAsync(TestUser.Of(world.Rep, Roles.Rep), s => s.Send(new EditInteraction.Command
        {
            Id = logged.Interaction.Id, Version = logged.Interaction.Version, AccountId = world.Account.Id,
            OccurredAt = logged.Interaction.OccurredAt, NextStep = "Call biomed today", NextStepDue = logged.Interaction.NextStepDue,
        }));
        var client = await app.SignInAsync(world.Rep);

        var response = await AppFactory.PostFormAsync(client, "/", $"/interactions/{logged.Interaction.Id}/next-step/done",
            new Dictionary<string, string?> { ["Version"] = logged.Interaction.Version.ToString() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else changed this record", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.WithDbAsync(async (db, _) => (await db.Interactions.SingleAsync(i => i.Id == logged.Interaction.Id)).NextStepDoneAt));
    }

    [DbFact]
    public async Task Other_roles_get_a_welcome_with_links()
    {
        var world = await InteractionWorld.CreateAsync(app);
        var manager = await app.CreateUserAsync(Roles.Manager, region: world.Territory.Region);
        var client = await app.SignInAsync(manager);

        var home = await client.GetStringAsync("/");

        Assert.Contains("Welcome", home);
        Assert.Contains("href=\"/accounts\"", home);
        Assert.DoesNotContain("My open next steps", home);
    }
}

public sealed class NextStepsTestsOnSqlite(SqliteAppFactory app) : NextStepsTests(app), IClassFixture<SqliteAppFactory>;

public sealed class NextStepsTestsOnPostgreSql(PostgreSqlAppFactory app) : NextStepsTests(app), IClassFixture<PostgreSqlAppFactory>;
