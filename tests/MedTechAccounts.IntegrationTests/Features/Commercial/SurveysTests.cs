using System.Net;
using System.Net.Http.Json;
using MedTechAccounts.Core.Domain;
using MedTechAccounts.Core.Features.Surveys;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MedTechAccounts.IntegrationTests.Features.Commercial.CommercialWorld;

namespace MedTechAccounts.IntegrationTests.Features.Commercial;

/// <summary>NPS survey responses through the forms and the API: recording, categories and score, versions, roles and scoping.</summary>
public abstract class SurveysTests(AppFactory app)
{
    [DbFact]
    public async Task A_manager_records_a_response_of_a_contact_it_is_audited_marks_the_account_stale_and_shows_on_the_account_page()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var contact = await app.ContactAsync(manager.Own.Id);
        var formPage = $"/accounts/{manager.Own.Id}/surveys/new";

        var response = await AppFactory.PostFormAsync(manager.Client, formPage, formPage, new Dictionary<string, string?>
        {
            ["ContactId"] = contact.Id.ToString(), ["Date"] = Iso(Today.AddDays(-1)), ["Nps"] = "9", ["Comment"] = "Service engineers are quick.",
        });
        var unscored = await AppFactory.PostFormAsync(manager.Client, formPage, formPage, new Dictionary<string, string?>
        {
            ["Date"] = Iso(Today),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = WebUtility.HtmlDecode(await manager.Client.GetStringAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Service engineers are quick.", list);
        Assert.Contains(">Promoter</span>", list);
        Assert.Contains("NPS <strong>+100</strong>", list);
        Assert.Equal(HttpStatusCode.BadRequest, unscored.StatusCode);
        Assert.Contains("Choose a score from 0 to 10.", await unscored.Content.ReadAsStringAsync());
        var account = await manager.Client.GetStringAsync($"/accounts/{manager.Own.Id}");
        Assert.Contains("<strong class=\"fs-4\">9</strong> Promoter", account);
        var (stored, audit, stale) = await app.WithDbAsync(async (db, _) =>
        {
            var s = await db.SurveyResponses.SingleAsync(x => x.AccountId == manager.Own.Id);
            return (s, await db.AuditEntries.Where(e => e.Entity == nameof(SurveyResponse) && e.EntityId == s.Id.ToString()).ToListAsync(),
                await db.StaleAccounts.AnyAsync(m => m.AccountId == manager.Own.Id));
        });
        Assert.Equal((contact.Id, 9), (stored.ContactId, stored.Nps));
        Assert.Contains(audit, e => e.Field == nameof(SurveyResponse.Nps) && e.NewValue == "9" && e.UserName == manager.User.Email);
        Assert.True(stale);
    }

    [DbFact]
    public async Task Editing_a_response_through_the_API_works_once_and_a_stale_version_answers_409()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var created = await manager.Client.PostAsJsonAsync("/api/surveys", new { AccountId = manager.Own.Id, Date = Today, Nps = 6 }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.AbsolutePath;
        var original = await manager.Client.GetFromJsonAsync<SurveyList.Row>(url, Json.Options);
        await app.ClearStaleAsync(manager.Own.Id);

        var first = await manager.Client.PutAsJsonAsync(url, new { original!.AccountId, original.Date, Nps = 8, original.Version }, Json.Options);
        var second = await manager.Client.PutAsJsonAsync(url, new { original.AccountId, original.Date, Nps = 10, original.Version }, Json.Options);

        var unscored = await manager.Client.PostAsJsonAsync("/api/surveys", new { AccountId = manager.Own.Id, Date = Today }, Json.Options);
        Assert.Equal(["Nps"], (await unscored.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Equal(NpsCategory.Detractor, original.Category);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var stored = await manager.Client.GetFromJsonAsync<SurveyList.Row>(url, Json.Options);
        Assert.Equal((8, NpsCategory.Passive), (stored!.Nps, stored.Category));
        Assert.True(await app.WithDbAsync(async (db, _) => await db.StaleAccounts.AnyAsync(s => s.AccountId == manager.Own.Id)));
    }

    [DbFact]
    public async Task The_survey_list_filters_by_dates_and_category_and_gives_the_net_promoter_score()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        await app.SurveyAsync(manager.Own.Id, Today.AddDays(-100), 2);
        var promoter = await app.SurveyAsync(manager.Own.Id, Today.AddDays(-10), 10);
        await app.SurveyAsync(manager.Own.Id, Today.AddDays(-9), 7);
        var detractor = await app.SurveyAsync(manager.Own.Id, Today.AddDays(-8), 3);
        var latest = await app.SurveyAsync(manager.Own.Id, Today.AddDays(-1), 9);

        var recent = await manager.Client.GetFromJsonAsync<SurveyList.Result>($"/api/surveys?accountId={manager.Own.Id}&from={Iso(Today.AddDays(-30))}", Json.Options);
        var promoters = await manager.Client.GetFromJsonAsync<SurveyList.Result>(
            $"/api/surveys?accountId={manager.Own.Id}&from={Iso(Today.AddDays(-30))}&category=Promoter", Json.Options);
        var detractors = await manager.Client.GetFromJsonAsync<SurveyList.Result>($"/api/surveys?accountId={manager.Own.Id}&category=Detractor&to={Iso(Today.AddDays(-50))}", Json.Options);

        Assert.Equal(4, recent!.TotalCount);
        Assert.Equal(latest.Id, recent.Items[0].Id);
        Assert.Equal((4, 2, 1, 1, 25), (recent.Summary.Responses, recent.Summary.Promoters, recent.Summary.Passives, recent.Summary.Detractors, recent.Summary.NetPromoterScore));
        Assert.Equal([latest.Id, promoter.Id], promoters!.Items.Select(s => s.Id));
        Assert.Single(detractors!.Items);
        Assert.NotEqual(detractor.Id, detractors.Items[0].Id);
    }

    [DbFact]
    public async Task A_rep_reads_responses_but_does_not_record_them()
    {
        var rep = await app.SignedInAsync(Roles.Rep);
        await app.SurveyAsync(rep.Own.Id, Today.AddDays(-3), 4);

        var list = await rep.Client.GetFromJsonAsync<SurveyList.Result>($"/api/surveys?accountId={rep.Own.Id}", Json.Options);
        var form = await rep.Client.GetAsync($"/accounts/{rep.Own.Id}/surveys/new");
        var create = await rep.Client.PostAsJsonAsync("/api/surveys", new { AccountId = rep.Own.Id, Date = Today, Nps = 10 }, Json.Options);

        Assert.Single(list!.Items);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [DbFact]
    public async Task A_foreign_account_response_or_contact_answers_404_or_is_refused_on_every_survey_route()
    {
        var manager = await app.SignedInAsync(Roles.Manager);
        var rep = await app.SignedInAsync(Roles.Rep);
        var foreignContact = await app.ContactAsync(manager.Foreign.Id);
        var response = await app.SurveyAsync(manager.Foreign.Id, Today.AddDays(-3), 5);
        var repsForeign = await app.SurveyAsync(rep.Foreign.Id, Today.AddDays(-3), 5);

        foreach (var url in new[] { $"/surveys/{response.Id}/edit", $"/accounts/{manager.Foreign.Id}/surveys/new", $"/api/surveys/{response.Id}" })
        {
            var get = await manager.Client.GetAsync(url);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {url} answered {(int)get.StatusCode}");
        }

        var repGet = await rep.Client.GetAsync($"/api/surveys/{repsForeign.Id}");
        Assert.Equal(HttpStatusCode.NotFound, repGet.StatusCode);

        var fields = new Dictionary<string, string?>
        {
            ["Id"] = response.Id.ToString(), ["AccountId"] = manager.Foreign.Id.ToString(), ["Version"] = response.Version.ToString(),
            ["Date"] = Iso(Today), ["Nps"] = "10",
        };
        foreach (var url in new[] { $"/surveys/{response.Id}/edit", $"/accounts/{manager.Foreign.Id}/surveys/new" })
        {
            var post = await AppFactory.PostWithSessionTokenAsync(manager.Client, "/", url, fields);
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)post.StatusCode}");
        }

        var create = await manager.Client.PostAsJsonAsync("/api/surveys", new { AccountId = manager.Foreign.Id, Date = Today, Nps = 10 }, Json.Options);
        var put = await manager.Client.PutAsJsonAsync($"/api/surveys/{response.Id}", new { AccountId = manager.Foreign.Id, Date = Today, Nps = 10, response.Version }, Json.Options);
        var foreignContactOnOwn = await manager.Client.PostAsJsonAsync("/api/surveys",
            new { AccountId = manager.Own.Id, ContactId = foreignContact.Id, Date = Today, Nps = 10 }, Json.Options);
        var list = await manager.Client.GetFromJsonAsync<SurveyList.Result>($"/api/surveys?accountId={manager.Foreign.Id}", Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(["ContactId"], (await foreignContactOnOwn.Content.ReadFromJsonAsync<ValidationProblem>(Json.Options))!.Errors.Keys);
        Assert.Empty(list!.Items);
        Assert.Null(list.Summary.NetPromoterScore);
        var stored = await app.WithDbAsync(async (db, _) => await db.SurveyResponses.SingleAsync(s => s.Id == response.Id));
        Assert.Equal((5, response.Version), (stored.Nps, stored.Version));
    }
}

public sealed class SurveysTestsOnSqlite(SqliteAppFactory app) : SurveysTests(app), IClassFixture<SqliteAppFactory>;

public sealed class SurveysTestsOnPostgreSql(PostgreSqlAppFactory app) : SurveysTests(app), IClassFixture<PostgreSqlAppFactory>;
