using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Users;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.IntegrationTests.Features.Admin;

/// <summary>Users through the admin forms and API: roles, territories, passwords, concurrency, deactivation, lockout and two-factor reset.</summary>
public abstract class UserAdminTests(AppFactory app)
{
    private const string NewPassword = "marble lantern orchard quietly";

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.medtech";

    private Task<string[]> RolesOfAsync(Guid userId) => app.WithDbAsync(async (_, sp) =>
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetRolesAsync((await users.FindByIdAsync(userId.ToString()))!)).ToArray();
    });

    [DbFact]
    public async Task Creating_a_rep_through_the_form_assigns_role_and_territories_and_the_rep_can_sign_in_with_the_typed_password()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var north = await app.CreateTerritoryAsync();
        var email = NewEmail("new-rep");

        var form = await client.GetStringAsync("/admin/users/new");
        var response = await AppFactory.PostFormAsync(client, "/admin/users/new", "/admin/users/new", new Dictionary<string, string?>
        {
            ["Email"] = email, ["DisplayName"] = "Dana Field", ["Role"] = Roles.Rep, ["Password"] = NewPassword, ["TerritoryIds"] = north.Id.ToString(),
        });
        var user = await app.WithDbAsync(async (db, _) => await db.Users.Include(u => u.Territories).SingleAsync(u => u.Email == email));

        Assert.Contains($"value=\"{north.Id}\"", form); // a checkbox per territory
        Assert.Contains("type=\"checkbox\"", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/users/{user.Id}/edit", response.Headers.Location!.OriginalString);
        Assert.Equal("Dana Field", user.DisplayName);
        Assert.Equal([north.Id], user.Territories.Select(t => t.TerritoryId));
        Assert.Equal([Roles.Rep], await RolesOfAsync(user.Id));
        Assert.Null(user.Region);
        Assert.True(user.IsActive);

        var rep = app.CreateBrowser();
        var signIn = await AppFactory.PostLoginAsync(rep, email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/accounts")).StatusCode);

        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.EntityId == user.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Entity == nameof(ApplicationUser) && e.Field == nameof(ApplicationUser.DisplayName) && e.NewValue == "Dana Field");
        Assert.Contains(audit, e => e.Field == nameof(ApplicationUser.PasswordHash) && e.NewValue == "(redacted)");
        Assert.All(audit, e => Assert.Equal(admin.Email, e.UserName));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.AuditEntries.AnyAsync(e =>
            e.Entity == nameof(UserTerritory) && e.EntityId == $"{user.Id},{north.Id}" && e.Action == AuditAction.Insert)));
    }

    [DbFact]
    public async Task Several_territories_are_posted_as_repeated_checkbox_values()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var north = await app.CreateTerritoryAsync();
        var south = await app.CreateTerritoryAsync();
        var email = NewEmail("two-territories");
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/admin/users/new");

        var response = await client.PostAsync("/admin/users/new", new FormUrlEncodedContent(
        [
            new("Email", email), new("DisplayName", "Two Territories"), new("Role", Roles.Rep), new("Password", NewPassword),
            new("TerritoryIds", north.Id.ToString()), new("TerritoryIds", south.Id.ToString()), new("__RequestVerificationToken", token),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var assigned = await app.WithDbAsync(async (db, _) => await db.UserTerritories.Where(ut => ut.User!.Email == email).Select(ut => ut.TerritoryId).ToListAsync());
        Assert.Equal(new[] { north.Id, south.Id }.Order(), assigned.Order());
    }

    [DbFact]
    public async Task A_weak_password_is_refused_on_the_Password_field_with_Identitys_message_and_nothing_is_stored()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var email = NewEmail("weak");

        var form = await AppFactory.PostFormAsync(client, "/admin/users/new", "/admin/users/new", new Dictionary<string, string?>
        {
            ["Email"] = email, ["DisplayName"] = "Weak Password", ["Role"] = Roles.Executive, ["Password"] = "password1234",
        });
        var api = await client.PostAsJsonAsync("/api/users", new { Email = email, DisplayName = "Weak", Role = Roles.Executive, Password = "short" }, Json.Options);

        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("This password is too common or too easy to guess.", html);
        Assert.DoesNotContain("password1234", html); // never echoed back
        Assert.Contains(email, html);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Password"], problem!.Errors.Keys.ToArray());
        Assert.Contains(problem.Errors["Password"], m => m.Contains("at least 12 characters", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync(u => u.Email == email)));
    }

    [DbFact]
    public async Task The_user_API_names_every_invalid_field()
    {
        var (client, admin) = await app.SignedInAdminAsync();

        var response = await client.PostAsJsonAsync("/api/users", new
        {
            Email = admin.Email!.ToUpperInvariant(), DisplayName = "", Role = Roles.Manager, TerritoryIds = new[] { Guid.NewGuid() }, Password = NewPassword,
        }, Json.Options);
        var badRole = await client.PostAsJsonAsync("/api/users", new { Email = "not-an-email", DisplayName = "X", Role = "Superuser", Password = NewPassword }, Json.Options);
        var executive = await client.PostAsJsonAsync("/api/users", new
        {
            Email = NewEmail("exec"), DisplayName = "Exec", Role = Roles.Executive, Region = "Anywhere",
            TerritoryIds = new[] { (await app.CreateTerritoryAsync()).Id }, Password = NewPassword,
        }, Json.Options);

        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["DisplayName", "Email", "Region", "TerritoryIds"], problem!.Errors.Keys.Order().ToArray());
        Assert.Contains("E-mail is already used by another user.", problem.Errors["Email"]);
        Assert.Contains("Region is required for a manager.", problem.Errors["Region"]);
        var roleProblem = await badRole.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Email", "Role"], roleProblem!.Errors.Keys.Order().ToArray());
        var executiveProblem = await executive.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["Region", "TerritoryIds"], executiveProblem!.Errors.Keys.Order().ToArray());
    }

    [DbFact]
    public async Task Editing_a_user_through_the_form_changes_role_region_territories_and_name()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();
        var other = await app.CreateTerritoryAsync();
        var user = await app.CreateUserAsync(Roles.Rep, [territory.Id]);
        var edit = $"/admin/users/{user.Id}/edit";
        var page = await client.GetStringAsync(edit);

        var response = await client.PostAsync(edit, new FormUrlEncodedContent(
        [
            new("Id", user.Id.ToString()), new("ConcurrencyStamp", user.ConcurrencyStamp!), new("DisplayName", "Promoted Manager"),
            new("Role", Roles.Manager), new("Region", territory.Region), new("TerritoryIds", other.Id.ToString()),
            new("IsActive", "true"), new("IsActive", "false"),
            new("__RequestVerificationToken", await AppFactory.AntiforgeryTokenAsync(client, edit)),
        ]));

        Assert.Contains($"value=\"{user.ConcurrencyStamp}\"", page);
        Assert.Contains(user.Email!, page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(async (db, _) => await db.Users.AsNoTracking().Include(u => u.Territories).SingleAsync(u => u.Id == user.Id));
        Assert.Equal(("Promoted Manager", territory.Region, true), (stored.DisplayName, stored.Region, stored.IsActive));
        Assert.Equal([other.Id], stored.Territories.Select(t => t.TerritoryId));
        Assert.Equal([Roles.Manager], await RolesOfAsync(user.Id));
        Assert.NotEqual(user.ConcurrencyStamp, stored.ConcurrencyStamp);
        var audit = await app.WithDbAsync(async (db, _) => await db.AuditEntries.Where(e => e.UserName == admin.Email).ToListAsync());
        Assert.Contains(audit, e => e.Entity == nameof(ApplicationUser) && e.Field == nameof(ApplicationUser.DisplayName)
            && e.OldValue == user.DisplayName && e.NewValue == "Promoted Manager");
        Assert.Contains(audit, e => e.Entity == nameof(UserTerritory) && e.Action == AuditAction.Delete && e.EntityId == $"{user.Id},{territory.Id}");
        Assert.Contains(audit, e => e.Entity.StartsWith("IdentityUserRole", StringComparison.Ordinal) && e.Action == AuditAction.Insert);
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_user_API_saves_gets_409_and_the_first_is_kept()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var user = await app.CreateUserAsync(Roles.Executive);
        var read = await client.GetFromJsonAsync<UserDetails.Result>($"/api/users/{user.Id}", Json.Options);
        object Edit(string name) => new { DisplayName = name, Role = Roles.Executive, IsActive = true, read!.ConcurrencyStamp };

        var first = await client.PutAsJsonAsync($"/api/users/{user.Id}", Edit("First Admin Edit"), Json.Options);
        var second = await client.PutAsJsonAsync($"/api/users/{user.Id}", Edit("Second Admin Edit"), Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<Problem>(Json.Options);
        Assert.Contains("Someone else changed this user after you opened it", problem!.Detail);
        var stored = await client.GetFromJsonAsync<UserDetails.Result>($"/api/users/{user.Id}", Json.Options);
        Assert.Equal("First Admin Edit", stored!.DisplayName);
        Assert.NotEqual(read!.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [DbFact]
    public async Task The_second_of_two_conflicting_user_form_saves_shows_a_clear_message_and_overwrites_nothing()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var user = await app.CreateUserAsync(Roles.Executive);
        var edit = $"/admin/users/{user.Id}/edit";
        Dictionary<string, string?> Form(string name) => new()
        {
            ["Id"] = user.Id.ToString(), ["ConcurrencyStamp"] = user.ConcurrencyStamp, ["DisplayName"] = name, ["Role"] = Roles.Executive, ["IsActive"] = "true",
        };

        var first = await AppFactory.PostFormAsync(client, edit, edit, Form("Saved First"));
        var second = await AppFactory.PostFormAsync(client, edit, edit, Form("Saved Second"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this user after you opened it", html);
        Assert.Contains("value=\"Saved Second\"", html); // what was typed is kept for the retry
        Assert.Equal("Saved First", await app.WithDbAsync(async (db, _) => (await db.Users.FindAsync(user.Id))!.DisplayName));
    }

    [DbFact]
    public async Task Deactivating_a_user_signs_them_out_everywhere_and_keeps_them_out()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var rep = await app.CreateUserAsync(Roles.Rep);
        var repClient = await app.SignInAsync(rep);
        Assert.Equal(HttpStatusCode.OK, (await repClient.GetAsync("/accounts")).StatusCode);
        var read = await client.GetFromJsonAsync<UserDetails.Result>($"/api/users/{rep.Id}", Json.Options);

        var response = await client.PutAsJsonAsync($"/api/users/{rep.Id}", new
        {
            read!.DisplayName, Role = Roles.Rep, IsActive = false, read.ConcurrencyStamp,
        }, Json.Options);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var after = await repClient.GetAsync("/accounts");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
        var again = await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, AppFactory.Password);
        Assert.Contains("The e-mail or password is not right", await again.Content.ReadAsStringAsync()); // never says "disabled"
        var stamps = await app.WithDbAsync(async (db, _) => await db.Users.AsNoTracking().Where(u => u.Id == rep.Id).Select(u => u.SecurityStamp).SingleAsync());
        Assert.NotEqual(rep.SecurityStamp, stamps);
        var list = await client.GetFromJsonAsync<ApiPage<UserList.Row>>($"/api/users?Search={Uri.EscapeDataString(rep.Email!)}&Active=false", Json.Options);
        Assert.Equal(rep.Id, Assert.Single(list!.Items).Id);
    }

    [DbFact]
    public async Task An_admin_can_neither_deactivate_nor_demote_themselves()
    {
        var (client, admin) = await app.SignedInAdminAsync();
        var edit = $"/admin/users/{admin.Id}/edit";
        var read = await client.GetFromJsonAsync<UserDetails.Result>($"/api/users/{admin.Id}", Json.Options);

        var api = await client.PutAsJsonAsync($"/api/users/{admin.Id}", new
        {
            read!.DisplayName, Role = Roles.Rep, IsActive = false, read.ConcurrencyStamp,
        }, Json.Options);
        var form = await AppFactory.PostFormAsync(client, edit, edit, new Dictionary<string, string?>
        {
            ["Id"] = admin.Id.ToString(), ["ConcurrencyStamp"] = read.ConcurrencyStamp, ["DisplayName"] = read.DisplayName,
            ["Role"] = Roles.Admin, ["IsActive"] = "false",
        });

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options);
        Assert.Equal(["IsActive", "Role"], problem!.Errors.Keys.Order().ToArray());
        Assert.Contains("You cannot remove your own administrator role", problem.Errors["Role"][0]);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("You cannot deactivate your own account", await form.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(async (db, _) => await db.Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id));
        Assert.True(stored.IsActive);
        Assert.Equal([Roles.Admin], await RolesOfAsync(admin.Id));
    }

    [DbFact]
    public async Task Unlocking_a_locked_out_user_lets_them_sign_in_again()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var rep = await app.CreateUserAsync(Roles.Rep);
        for (var i = 0; i < 5; i++)
        {
            await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, "not the password at all");
        }

        var edit = $"/admin/users/{rep.Id}/edit";
        var page = await client.GetStringAsync(edit);
        var locked = await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, AppFactory.Password);
        var unlock = await AppFactory.PostFormAsync(client, edit, $"/admin/users/{rep.Id}/unlock", new Dictionary<string, string?>());
        var signIn = await AppFactory.PostLoginAsync(app.CreateBrowser(), rep.Email!, AppFactory.Password);

        Assert.Contains("locked out until", page);
        Assert.Contains($"action=\"/admin/users/{rep.Id}/unlock\"", page);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        Assert.Equal(edit, unlock.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("locked out until", await client.GetStringAsync(edit));
    }

    [DbFact]
    public async Task Resetting_two_factor_turns_it_off_replaces_the_key_and_sends_the_user_to_enrol_again()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var executive = await app.CreateUserAsync(Roles.Executive, twoFactor: true);
        var oldKey = await app.AuthenticatorKeyAsync(executive);
        var executiveClient = await app.SignInWithCodeAsync(executive);
        var edit = $"/admin/users/{executive.Id}/edit";

        var reset = await AppFactory.PostFormAsync(client, edit, $"/admin/users/{executive.Id}/reset-two-factor", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var stored = await app.WithDbAsync(async (db, _) => await db.Users.AsNoTracking().SingleAsync(u => u.Id == executive.Id));
        Assert.False(stored.TwoFactorEnabled);
        Assert.NotEqual(oldKey, await app.AuthenticatorKeyAsync(executive));
        Assert.Equal(HttpStatusCode.Redirect, (await executiveClient.GetAsync("/accounts")).StatusCode); // signed out everywhere
        var again = app.CreateBrowser();
        await AppFactory.PostLoginAsync(again, executive.Email!, AppFactory.Password);
        var next = await again.GetAsync("/accounts");
        Assert.StartsWith("/account/authenticator", next.Headers.Location!.OriginalString);
    }

    [DbFact]
    public async Task The_user_API_never_returns_password_hashes_security_stamps_or_authenticator_keys()
    {
        var (client, admin) = await app.SignedInAdminAsync();

        var one = await client.GetStringAsync($"/api/users/{admin.Id}");
        var list = await client.GetStringAsync($"/api/users?Search={Uri.EscapeDataString(admin.Email!)}&Role=Admin");
        var key = await app.AuthenticatorKeyAsync(admin);
        var stamp = await app.WithDbAsync(async (db, _) => await db.Users.Where(u => u.Id == admin.Id).Select(u => u.SecurityStamp).SingleAsync());

        foreach (var json in new[] { one, list })
        {
            Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("securityStamp", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("authenticator", json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(key, json, StringComparison.Ordinal);
            Assert.DoesNotContain(stamp!, json, StringComparison.Ordinal);
            Assert.Contains(admin.Email!, json, StringComparison.Ordinal);
        }
    }

    [DbFact]
    public async Task The_user_list_searches_names_and_emails_and_filters_by_role_and_active_flag()
    {
        var (client, _) = await app.SignedInAdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];
        var email = $"{marker}-rep@test.medtech";
        var created = await client.PostAsJsonAsync("/api/users", new
        {
            Email = email, DisplayName = $"Searchable {marker.ToUpperInvariant()}", Role = Roles.Rep, Password = NewPassword,
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var byName = await client.GetFromJsonAsync<ApiPage<UserList.Row>>($"/api/users?Search=searchable%20{marker}", Json.Options);
        var byEmail = await client.GetFromJsonAsync<ApiPage<UserList.Row>>($"/api/users?Search={marker.ToUpperInvariant()}-REP", Json.Options);
        var wrongRole = await client.GetFromJsonAsync<ApiPage<UserList.Row>>($"/api/users?Search={marker}&Role=Manager", Json.Options);
        var inactive = await client.GetFromJsonAsync<ApiPage<UserList.Row>>($"/api/users?Search={marker}&Active=false", Json.Options);
        var badRole = await client.GetAsync("/api/users?Role=Wizard");
        var html = await client.GetStringAsync($"/admin/users?Search={marker}&Role=Rep&Active=true");

        Assert.Equal((email, Roles.Rep), (Assert.Single(byName!.Items).Email, byName.Items[0].Role));
        Assert.Single(byEmail!.Items);
        Assert.Empty(wrongRole!.Items);
        Assert.Empty(inactive!.Items);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains(email, html);
        Assert.Contains("1 user(s)", html);
    }
}

public sealed class UserAdminTestsOnSqlite(SqliteAppFactory app) : UserAdminTests(app), IClassFixture<SqliteAppFactory>;

public sealed class UserAdminTestsOnPostgreSql(PostgreSqlAppFactory app) : UserAdminTests(app), IClassFixture<PostgreSqlAppFactory>;
