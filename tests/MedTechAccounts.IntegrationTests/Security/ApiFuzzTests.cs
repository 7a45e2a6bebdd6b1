using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using MedTechAccounts.Core.Data;
using MedTechAccounts.IntegrationTests.Features.Admin;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>
/// Every body the JSON API accepts (each POST, PUT and PATCH of the app's own OpenAPI document, which must list every
/// write the app serves), fuzzed from its schema by generated mutations of a valid body (see <see cref="ApiFuzzInputs"/>)
/// and sent as an administrator, who gets past authorization everywhere, so the body is bound and validated. The
/// requests come from a fixed seed (<see cref="SeedVariable"/> sets another), each with its own CsCheck seed, so a
/// failure is reproducible and CsCheck shrinks it. Whatever is sent: no 5xx; every 4xx is problem details with a trace
/// id; a 400 or 422 names fields as the validators do (<c>Lines[0].Quantity</c>, <c>body</c>), never a .NET type or JSON
/// path; no answer carries an exception, a stack trace, SQL or a file path.
/// </summary>
public abstract partial class ApiFuzzTests(AppFactory app, ITestOutputHelper output)
{
    public const string SeedVariable = "MEDTECH_FUZZ_SEED";
    public const ulong DefaultSeed = 20261203;
    private const int MinimumRequests = 10_000;
    private const int Concurrency = 4;
    private const int GroupsToShrink = 3;

    [DbFact]
    public async Task Generated_bad_bodies_and_ids_for_every_API_write_answer_problem_details_naming_fields_and_never_a_5xx()
    {
        var clock = Stopwatch.StartNew();
        var world = await MatrixWorld.CreateAsync(app);
        var admin = world.Callers.Single(c => c.Name == "admin").Client;
        var operations = ApiDescription.Writes(JsonNode.Parse(await admin.GetStringAsync(ApiDescription.DocumentPath))!);
        Assert.Equal(ApiDescription.ServedWrites(app.Services.GetRequiredService<EndpointDataSource>()).Keys, operations.Select(o => o.ToString()).Order(StringComparer.Ordinal));

        var inputs = new ApiFuzzInputs(world.Records);
        var generators = operations.ToDictionary(o => o, inputs.For);
        var (seed, seedText) = Seed();
        var master = PCG.Parse(seed);
        var perOperation = (MinimumRequests + operations.Count - 1) / operations.Count;
        var cases = operations.SelectMany(o => Enumerable.Range(0, perOperation).Select(_ => (Operation: o, Seed: new PCG(master.Next(), master.Next64()).ToString()))).ToList();
        var setUp = clock.Elapsed;

        var statuses = new ConcurrentDictionary<(ApiOperation, int), int>();
        var failures = new ConcurrentBag<Failure>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, _) =>
        {
            var request = generators[c.Operation].Generate(PCG.Parse(c.Seed), null, out var size);
            var (status, problem) = await SendAsync(admin, request);
            statuses.AddOrUpdate((c.Operation, status), 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Add(new Failure(c.Operation, c.Seed, size, request, problem));
            }
        });

        var sent = clock.Elapsed - setUp;
        output.WriteLine($"{cases.Count:N0} requests to {operations.Count} operations on {app.Provider} in {sent.TotalSeconds:F1} s "
            + $"(set-up {setUp.TotalSeconds:F1} s), seed {seedText}; statuses: "
            + string.Join(", ", statuses.GroupBy(s => s.Key.Item2).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Sum(s => s.Value):N0}")));
        foreach (var operation in operations)
        {
            output.WriteLine($"  {operation}: " + string.Join(", ", statuses.Where(s => s.Key.Item1 == operation).OrderBy(s => s.Key.Item2).Select(s => $"{s.Key.Item2} × {s.Value}")));
        }

        Assert.True(cases.Count >= MinimumRequests);
        if (!failures.IsEmpty)
        {
            Assert.Fail(await ReportAsync(admin, generators, [.. failures]));
        }
    }

    [DbFact]
    public async Task The_API_description_gives_each_request_body_its_own_commands_properties_and_names_the_values_of_enums()
    {
        var document = JsonNode.Parse(await app.CreateBrowser().GetStringAsync(ApiDescription.DocumentPath))!;
        var described = ApiDescription.Writes(document).ToDictionary(o => o.ToString());
        var mismatches = new List<string>();
        foreach (var (key, endpoint) in ApiDescription.ServedWrites(app.Services.GetRequiredService<EndpointDataSource>()))
        {
            var body = endpoint.Metadata.GetMetadata<ControllerActionDescriptor>()?.Parameters
                .SingleOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body)?.ParameterType;
            var schema = described[key].Body?.Properties.ToDictionary(p => p.Name, p => p.Schema) ?? [];
            var properties = body is null ? [] : JsonSerializerOptions.Web.GetTypeInfo(body).Properties.ToDictionary(p => p.Name, p => p.PropertyType);
            if (!properties.Keys.Order(StringComparer.Ordinal).SequenceEqual(schema.Keys.Order(StringComparer.Ordinal)))
            {
                mismatches.Add($"{key}: the body has {string.Join(", ", properties.Keys)}; the description says {string.Join(", ", schema.Keys)}");
                continue;
            }

            foreach (var (name, type) in properties)
            {
                if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType && !(schema[name].Enum ?? []).SequenceEqual(Enum.GetNames(enumType)))
                {
                    mismatches.Add($"{key}: {name} takes {string.Join(", ", Enum.GetNames(enumType))}; the description says {string.Join(", ", schema[name].Enum ?? [schema[name].Type])}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [DbFact]
    public async Task Form_and_query_keys_in_jquery_bracket_notation_that_never_close_are_refused_like_any_bad_input_not_with_a_500()
    {
        var (admin, _) = await app.SignedInAdminAsync();

        var write = await admin.PostAsync("/api/accounts", new StringContent("a[b=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var read = await admin.GetAsync("/api/accounts?a[b=1");
        var page = await admin.GetAsync("/accounts?a[b=1");
        var form = await AppFactory.PostFormAsync(app.CreateBrowser(), "/account/login", "/account/login",
            new Dictionary<string, string?> { ["Email"] = "nobody@test.medtech", ["Password"] = "wrong password here", ["a[b"] = "1" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, write.StatusCode);
        Assert.Null(Judge((int)write.StatusCode, write.Content.Headers.ContentType?.MediaType, await write.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [DbFact]
    public async Task A_null_where_text_belongs_a_NUL_character_weights_that_overflow_and_a_body_in_another_charset_are_refused_naming_the_field_not_with_a_500()
    {
        var (admin, _) = await app.SignedInAdminAsync();
        var territory = await app.CreateTerritoryAsync();

        var nullText = await admin.PostAsync("/api/accounts", new StringContent(
            $$"""{"externalId":"N-1","name":"Null zone","territoryId":"{{territory.Id}}","timeZone":null}""", Encoding.UTF8, "application/json"));
        var nullList = await admin.PostAsync("/api/interactions", new StringContent(
            $$"""{"id":"{{Guid.NewGuid()}}","accountId":"{{Guid.NewGuid()}}","contactIds":null}""", Encoding.UTF8, "application/json"));
        var oddUtf16 = new ByteArrayContent("{\"a\":1}"u8.ToArray());
        oddUtf16.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-16");
        var utf16 = await admin.PostAsync("/api/accounts", oddUtf16);
        var overflow = await admin.PutAsync("/api/scorecard", new StringContent(
            $$"""{"version":"{{Guid.NewGuid()}}","engagementRecency":2147483647,"postSaleSilence":1}""", Encoding.UTF8, "application/json"));
        var nul = await admin.PostAsync("/api/territories", new StringContent("""{"name":"North\u0000","region":"R"}""", Encoding.UTF8, "application/json"));

        foreach (var (response, status, field) in new[]
        {
            (nullText, HttpStatusCode.BadRequest, "TimeZone"), (nullList, HttpStatusCode.BadRequest, "ContactIds"), (utf16, HttpStatusCode.UnsupportedMediaType, null),
            (nul, HttpStatusCode.BadRequest, "Name"), (overflow, HttpStatusCode.BadRequest, "EngagementRecency"),
        })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, body);
            Assert.Null(Judge((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            if (field is not null)
            {
                Assert.Contains(field, JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key));
            }
        }
    }

    // --- Seed --------------------------------------------------------------------------------------------------------

    /// <summary>The run's CsCheck seed: from a number (the default, or <see cref="SeedVariable"/>), or a seed CsCheck printed.</summary>
    private static (string Seed, string Text) Seed()
    {
        var text = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } set ? set.Trim() : DefaultSeed.ToString(CultureInfo.InvariantCulture);
        return (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? new PCG(0, number).ToString() : PCG.Parse(text).ToString(), text);
    }

    // --- Sending and judging ------------------------------------------------------------------------------------------

    private sealed record Failure(ApiOperation Operation, string Seed, Size Size, FuzzRequest Request, Finding Problem);

    /// <summary>What is wrong with an answer: a kind (for grouping) and the detail, with the response.</summary>
    public sealed record Finding(string Kind, string Detail);

    private sealed class FuzzFailure(Finding problem) : Exception($"{problem.Kind}: {problem.Detail}")
    {
        public Finding Problem { get; } = problem;
    }

    private static async Task<(int Status, Finding? Problem)> SendAsync(HttpClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path) { Content = new ByteArrayContent(request.Body) };
        if (request.ContentType is not null)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        return (status, Judge(status, response.Content.Headers.ContentType?.MediaType, body));
    }

    /// <summary>Null when the answer is acceptable for any input; otherwise what is wrong with it.</summary>
    public static Finding? Judge(int status, string? mediaType, string body)
    {
        var shown = $"answered {status} {mediaType}: {(body.Length <= 1_500 ? body : body[..1_500] + "…")}";
        if (status >= 500)
        {
            return new Finding("5xx", shown);
        }

        var leak = Leak().Match(body);
        if (!leak.Success && status >= 400)
        {
            leak = Sql().Match(body);
        }

        if (leak.Success)
        {
            return new Finding("internals in the answer", $"'{leak.Value}' {shown}");
        }

        if (status < 400)
        {
            return null;
        }

        if (mediaType != "application/problem+json")
        {
            return new Finding("4xx without problem details", shown);
        }

        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return new Finding("problem details that are not JSON", shown);
        }

        if (problem?["traceId"]?.GetValueKind() != JsonValueKind.String)
        {
            return new Finding("problem details without traceId", shown);
        }

        if (status is 400 or 422)
        {
            if (problem["errors"] is not JsonObject { Count: > 0 } errors)
            {
                return new Finding("400 without field errors", shown);
            }

            foreach (var (field, messages) in errors)
            {
                if (!FieldName().IsMatch(field))
                {
                    return new Finding("field error not named as a field", $"key '{field}' {shown}");
                }

                if (messages is not JsonArray { Count: > 0 } list || list.Any(m => m?.GetValueKind() != JsonValueKind.String || m.GetValue<string>().Length == 0))
                {
                    return new Finding("field error without a message", $"key '{field}' {shown}");
                }

                if (list.Select(m => m!.GetValue<string>()).FirstOrDefault(m => InternalName().IsMatch(m)) is { } internalName)
                {
                    return new Finding("field error naming .NET internals", $"'{internalName}' {shown}");
                }
            }
        }

        return null;
    }

    /// <summary>For each kind of failure on each operation, the smallest request found, shrunk further by CsCheck for the first few.</summary>
    private async Task<string> ReportAsync(HttpClient admin, Dictionary<ApiOperation, Gen<FuzzRequest>> generators, List<Failure> failures)
    {
        var report = new StringBuilder($"{failures.Count} of the generated requests failed:\n");
        var groups = failures.GroupBy(f => (f.Operation, f.Problem.Kind))
            .Select(g => g.Aggregate((min, f) => Size.IsLessThan(f.Size, min.Size) ? f : min))
            .OrderBy(f => f.Operation.ToString(), StringComparer.Ordinal).ToList();
        foreach (var (failure, index) in groups.Select((f, i) => (f, i)))
        {
            report.Append(CultureInfo.InvariantCulture, $"\n--- {failure.Operation}: {failure.Problem.Kind} ({failures.Count(f => f.Operation == failure.Operation && f.Problem.Kind == failure.Problem.Kind)} requests), seed \"{failure.Seed}\"\n")
                .AppendLine(failure.Request.Describe()).AppendLine(failure.Problem.Detail);
            if (index < GroupsToShrink)
            {
                report.AppendLine(await ShrinkAsync(admin, generators[failure.Operation], failure));
            }
        }

        return report.ToString();
    }

    private static async Task<string> ShrinkAsync(HttpClient admin, Gen<FuzzRequest> generator, Failure failure)
    {
        try
        {
            await generator.SampleAsync(async request =>
            {
                if ((await SendAsync(admin, request)).Problem is { } problem && problem.Kind == failure.Problem.Kind)
                {
                    throw new FuzzFailure(problem);
                }
            }, seed: failure.Seed, iter: 300, threads: Concurrency, print: r => r.Describe());
            return "(CsCheck did not reproduce it from its seed)";
        }
        catch (CsCheckException e)
        {
            return $"Shrunk by CsCheck: {e.Message}\n{e.InnerException?.Message}";
        }
    }

    /// <summary>Field names as the validators write them: <c>Lines[0].Quantity</c>, or <c>body</c> for the request as a whole.</summary>
    [GeneratedRegex(@"^(body|[A-Z][A-Za-z0-9]*(\[\d+\])?(\.[A-Z][A-Za-z0-9]*(\[\d+\])?)*)$")]
    private static partial Regex FieldName();

    [GeneratedRegex(@"System\.|Microsoft\.|MedTechAccounts\.|\$\.|JSON value|LineNumber|BytePosition|could not be converted")]
    private static partial Regex InternalName();

    [GeneratedRegex(@"\b\w+Exception\b|System\.[A-Z]|Microsoft\.[A-Z]|MedTechAccounts\.|Npgsql|SQLite Error|SQLITE_|\bat [A-Za-z_][\w.`<>]*\(|\.cs:line \d|--- End of|(?:/home|/root|/work|/tmp|/usr|/src)/|[A-Z]:\\\\")]
    private static partial Regex Leak();

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET|WHERE)\b")]
    private static partial Regex Sql();
}

public sealed class ApiFuzzTestsOnSqlite(QuietSqliteAppFactory app, ITestOutputHelper output)
    : ApiFuzzTests(app, output), IClassFixture<QuietSqliteAppFactory>;

public sealed class ApiFuzzTestsOnPostgreSql(QuietPostgreSqlAppFactory app, ITestOutputHelper output)
    : ApiFuzzTests(app, output), IClassFixture<QuietPostgreSqlAppFactory>;

/// <summary>The app logging warnings and errors only: the fuzz's thousands of refused commands would each log their exception.</summary>
public sealed class QuietSqliteAppFactory() : AppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

/// <inheritdoc cref="QuietSqliteAppFactory"/>
public sealed class QuietPostgreSqlAppFactory() : AppFactory(DatabaseProvider.PostgreSql)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
