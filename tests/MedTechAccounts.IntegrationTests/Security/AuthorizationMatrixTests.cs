using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MedTechAccounts.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>
/// Every route and method the app serves (read from its endpoint data source, so no list is kept by hand) × every kind of
/// caller × an own record (territory A), a foreign one (territory B) and a non-existent id, each answer reduced to its
/// outcome (status, and where a redirect goes) and compared with <c>authorization-matrix.txt</c>. Writes carry an empty
/// body and a valid antiforgery token: what is measured is who gets past authorization and scoping, not the write.
/// Three rules hold whatever the table says: no 5xx; no anonymous 2xx outside the public routes; for a caller who cannot
/// see a territory, its record and a non-existent id answer alike.
/// </summary>
public abstract partial class AuthorizationMatrixTests(AppFactory app, ITestOutputHelper output)
{
    public const string TableFile = "authorization-matrix.txt";
    public const string WriteVariable = "MEDTECH_WRITE_MATRIX";

    internal const string None = "none";
    private const string NoRecord = "-";

    /// <summary>The kinds of record the territory (and, for targets, region) scoping hides: their foreign and non-existent ids must answer alike.</summary>
    private static readonly HashSet<string> ScopedKinds =
        ["accounts", "contacts", "devices", "incidents", "interactions", "sign-offs", "orders", "contracts", "surveys", "tasks", "targets", "people"];

    /// <summary>The routes an anonymous caller may get a 2xx from: sign-in, its second step, the error pages, health, the API description.</summary>
    private static readonly string[] AnonymousPrefixes =
        ["/account/login", "/account/two-factor", "/account/denied", "/error", "/health/", "/api/openapi/", "/api/reference", "/connect/"];

    /// <summary>Routes that end the caller's session or change its second factor: they run after everything else.</summary>
    private static readonly string[] SessionEnding = ["/account/logout", "/connect/endsession", "/account/authenticator"];

    private static bool IsSessionEnding(Route route) => SessionEnding.Any(s => route.Path.StartsWith(s, StringComparison.Ordinal));

    private static bool EndsSession(Route route) => route.Path is "/account/logout" or "/connect/endsession";

    [DbFact]
    public async Task Every_route_answers_every_caller_as_the_expected_table_says_and_never_leaks()
    {
        var clock = Stopwatch.StartNew();
        var world = await MatrixWorld.CreateAsync(app);
        var routes = Routes(app);
        Assert.NotEmpty(routes);
        var setUp = clock.Elapsed;

        // Reads run a few at a time (they change nothing); writes one by one in a fixed order, so a write's effect on a
        // later request is the same on every run; the routes that end a session or change its factor run last.
        var rows = routes.SelectMany(route => route.Records.Select(record => new Row(route.Method, route.Template, record, route.Kinds, []))).ToList();
        var work = rows.SelectMany(row => world.Callers.Select(caller => (Row: row, Caller: caller, Route: routes.Single(r => r.Method == row.Method && r.Template == row.Template))))
            .ToList();
        foreach (var item in work.Where(w => w.Caller.ApiOnly && !w.Route.Path.StartsWith("/api/", StringComparison.Ordinal) && w.Route.Path != "/connect/userinfo"))
        {
            item.Row.Cells[item.Caller.Name] = NoRecord;
        }

        var asked = work.Where(w => !w.Row.Cells.ContainsKey(w.Caller.Name)).ToList();
        var reads = asked.Where(w => w.Route.Method is "GET" or "HEAD" && !IsSessionEnding(w.Route)).ToList();
        var results = new System.Collections.Concurrent.ConcurrentDictionary<(Row, string), string>();
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (w, _) =>
            results[(w.Row, w.Caller.Name)] = await OutcomeAsync(w.Caller, w.Route, Fill(w.Route, w.Row.Record, world)));
        foreach (var w in asked.Except(reads).OrderBy(w => IsSessionEnding(w.Route) ? 1 : 0).ThenBy(w => EndsSession(w.Route) ? 1 : 0))
        {
            results[(w.Row, w.Caller.Name)] = await OutcomeAsync(w.Caller, w.Route, Fill(w.Route, w.Row.Record, world));
        }

        foreach (var ((row, caller), outcome) in results)
        {
            row.Cells[caller] = outcome;
        }

        var requests = results.Count;

        var callers = world.Callers.Select(c => c.Name).ToList();
        var actual = Format(rows, callers);
        output.WriteLine($"{routes.Count} route-methods, {rows.Count} rows, {requests} requests as {callers.Count} callers in {clock.Elapsed.TotalSeconds:F1} s (set-up {setUp.TotalSeconds:F1} s) on {app.Provider}.");

        var failures = new List<string>();
        failures.AddRange(Invariants(rows, world));

        var path = TablePath();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(path, actual);
            output.WriteLine($"Wrote {path}.");
        }
        else
        {
            failures.AddRange(Differences(File.Exists(path) ? await File.ReadAllTextAsync(path) : "", rows, callers));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    // --- Routes ----------------------------------------------------------------------------------------------------

    /// <summary>One method of one route: its template, the path with parameters unfilled, and the kinds of record its parameters name.</summary>
    internal sealed record Route(string Method, string Template, string Path, IReadOnlyList<(string Name, string Kind)> Parameters)
    {
        public string Kinds => Parameters.Count == 0 ? "" : string.Join('+', Parameters.Select(p => p.Kind));

        public IEnumerable<string> Records => Parameters.Any(p => p.Kind != Literal) ? [MatrixWorld.A, MatrixWorld.B, None] : [NoRecord];
    }

    private const string Literal = "literal";

    /// <summary>Every route and method the app serves (HEAD beside each GET), read from its endpoint data source.</summary>
    internal static List<Route> Routes(AppFactory app)
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<Route>();
        foreach (var endpoint in endpoints)
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('~').TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : [HttpMethods.Get];
            var parameters = endpoint.RoutePattern.Parameters.Select(p => (p.Name, Kind: KindOf(template, p.Name))).ToList();
            foreach (var method in methods)
            {
                routes.Add(new Route(method, template, template, parameters));
                if (method == HttpMethods.Get)
                {
                    routes.Add(new Route(HttpMethods.Head, template, template, parameters));
                }
            }
        }

        return [.. routes.DistinctBy(r => (r.Method, r.Template)).OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    /// <summary>A parameter's kind of record: the path segment before it (<c>/api/devices/{id}</c> names a device), or a literal value.</summary>
    private static string KindOf(string template, string parameter)
    {
        var segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.FindIndex(segments, s => ParameterName().Match(s) is { Success: true } m && m.Groups[1].Value == parameter);
        if (LiteralValues.ContainsKey(parameter))
        {
            return Literal;
        }

        var before = at > 0 ? segments[at - 1] : "";
        return before switch
        {
            "accounts" or "contacts" or "devices" or "incidents" or "interactions" or "sign-offs" or "orders" or "contracts" or "surveys"
                or "tasks" or "targets" or "products" or "territories" or "users" or "people" => before,
            _ => throw new InvalidOperationException(
                $"The authorization matrix does not know what record {{{parameter}}} in {template} names: add its kind to {nameof(KindOf)} and a record of that kind to {nameof(MatrixWorld)}."),
        };
    }

    /// <summary>Parameters that are not records: a fixed value that reaches the action.</summary>
    private static readonly Dictionary<string, string> LiteralValues = new(StringComparer.Ordinal)
    {
        ["kind"] = "accounts",
        ["documentName"] = "v1",
        ["status"] = "404",
    };

    /// <summary>The route's path with each record parameter set to the record of <paramref name="record"/>'s side (or a missing id).</summary>
    internal static string Fill(Route route, string record, MatrixWorld world)
    {
        var missing = Guid.NewGuid();
        return ParameterToken().Replace(route.Path, m =>
        {
            var name = m.Groups[1].Value;
            if (LiteralValues.TryGetValue(name, out var value))
            {
                return value;
            }

            var kind = route.Parameters.Single(p => p.Name == name).Kind;
            return record == None ? missing.ToString() : world.Records[(kind, record)].ToString();
        });
    }

    // --- Requests ----------------------------------------------------------------------------------------------------

    private static async Task<string> OutcomeAsync(MatrixCaller caller, Route route, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            else
            {
                var fields = new Dictionary<string, string>();
                if (caller.CookieSession && caller.Client.DefaultRequestHeaders.TryGetValues("RequestVerificationToken", out var tokens))
                {
                    fields["__RequestVerificationToken"] = tokens.First();
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
        }

        using var response = await caller.Client.SendAsync(request);
        return Outcome(response);
    }

    /// <summary>The status code; for a redirect, also where it goes (sign-in, access denied, second factor, elsewhere).</summary>
    private static string Outcome(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is < 300 or >= 400 || response.Headers.Location is null)
        {
            return status.ToString(CultureInfo.InvariantCulture);
        }

        var location = response.Headers.Location;
        var target = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        var where = target switch
        {
            "/account/login" => "login",
            "/account/denied" => "denied",
            "/account/two-factor" => "2fa",
            _ => "other",
        };
        return $"{status}>{where}";
    }

    // --- Rules that hold whatever the table says ----------------------------------------------------------------------

    private sealed record Row(string Method, string Template, string Record, string Kinds, Dictionary<string, string> Cells)
    {
        public string Key => $"{Method} {Template} {Record}";
    }

    private static IEnumerable<string> Invariants(List<Row> rows, MatrixWorld world)
    {
        foreach (var row in rows)
        {
            // The error page answers the status it shows (500 when asked for directly): that is its job, not a failure.
            foreach (var (caller, outcome) in row.Cells.Where(c => c.Value.StartsWith('5') && !row.Template.StartsWith("/error", StringComparison.Ordinal)))
            {
                yield return $"5xx: {row.Key} as {caller} answered {outcome}.";
            }

            var anonymous = row.Cells["anon"];
            if (anonymous.StartsWith('2') && !AnonymousPrefixes.Any(p => row.Template.StartsWith(p, StringComparison.Ordinal)))
            {
                yield return $"Anonymous 2xx: {row.Key} answered {anonymous} to a caller who is not signed in.";
            }
        }

        var scoped = rows.Where(r => r.Record == None && r.Kinds.Split('+').Any(ScopedKinds.Contains));
        foreach (var missing in scoped)
        {
            foreach (var caller in world.Callers.Where(c => c.Excludes is not null))
            {
                var foreign = rows.Single(r => r.Method == missing.Method && r.Template == missing.Template && r.Record == caller.Excludes);
                if (foreign.Cells[caller.Name] != missing.Cells[caller.Name])
                {
                    yield return $"Foreign record told apart from a missing one: {missing.Method} {missing.Template} as {caller.Name} answers "
                        + $"{foreign.Cells[caller.Name]} for territory {caller.Excludes}'s record and {missing.Cells[caller.Name]} for a non-existent id.";
                }
            }
        }
    }

    // --- The expected table ------------------------------------------------------------------------------------------

    private static string Format(List<Row> rows, List<string> callers)
    {
        var header = new[] { "method", "route", "record" }.Concat(callers).ToList();
        var lines = rows.OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ThenBy(r => r.Record, StringComparer.Ordinal)
            .Select(r => new[] { r.Method, r.Template, r.Record }.Concat(callers.Select(c => r.Cells[c])).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToList();
        string Line(List<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

        var text = new StringBuilder();
        text.AppendLine("# The authorization matrix: every route and method × caller × record, as AuthorizationMatrixTests measures it.");
        text.AppendLine("# Records: A = in territory A (region A), B = in territory B (region B), none = an id that does not exist, - = no record parameter.");
        text.AppendLine("# Cells: the status code; a redirect also says where it goes (login, denied, 2fa, other); - = not asked (bearer callers on non-API routes).");
        text.AppendLine("# Writes run one by one in a fixed order; the sign-out routes run last, /account/logout before /connect/endsession, so the latter meets an ended session.");
        text.AppendLine($"# Regenerate after a deliberate change with {WriteVariable}=1 on one test run, then review the diff before committing it.");
        text.AppendLine(Line(header));
        foreach (var line in lines)
        {
            text.AppendLine(Line(line));
        }

        return text.ToString();
    }

    private static IEnumerable<string> Differences(string expectedText, List<Row> rows, List<string> callers)
    {
        var lines = expectedText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0)
        {
            yield return $"No expected table at Security/{TableFile}: run the test once with {WriteVariable}=1 and review the file.";
            yield break;
        }

        var header = Regex.Split(lines[0], @"\s+");
        var expected = new Dictionary<string, Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = Regex.Split(line, @"\s+");
            expected[$"{cells[0]} {cells[1]} {cells[2]}"] = header.Zip(cells).Skip(3).ToDictionary(p => p.First, p => p.Second);
        }

        foreach (var row in rows)
        {
            if (!expected.Remove(row.Key, out var cells))
            {
                yield return $"New route without an expected row: {row.Key} answers {Describe(row.Cells, callers)}. Add its row to Security/{TableFile} "
                    + $"(or regenerate the table with {WriteVariable}=1) once these outcomes are the intended ones.";
                continue;
            }

            var changed = callers.Where(c => cells.GetValueOrDefault(c) != row.Cells[c]).ToList();
            if (changed.Count > 0)
            {
                yield return $"Changed: {row.Key}: " + string.Join(", ", changed.Select(c => $"{c} expected {cells.GetValueOrDefault(c) ?? "(no column)"}, got {row.Cells[c]}"));
            }
        }

        foreach (var gone in expected.Keys)
        {
            yield return $"The table expects a route the app no longer serves: {gone}. Remove its row from Security/{TableFile}.";
        }
    }

    private static string Describe(Dictionary<string, string> cells, List<string> callers) => string.Join(' ', callers.Select(c => $"{c}={cells[c]}"));

    /// <summary>The table in the source tree (found from the test's output folder up to the solution), so the generator can rewrite it.</summary>
    private static string TablePath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MedTechAccounts.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? throw new InvalidOperationException("The solution folder was not found above the test's output folder.")
            : Path.Combine(root.FullName, "tests", "MedTechAccounts.IntegrationTests", "Security", TableFile);
    }

    [GeneratedRegex(@"^\{\**([A-Za-z]+)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex ParameterToken();
}

public sealed class AuthorizationMatrixTestsOnSqlite(SqliteAppFactory app, ITestOutputHelper output)
    : AuthorizationMatrixTests(app, output), IClassFixture<SqliteAppFactory>;

public sealed class AuthorizationMatrixTestsOnPostgreSql(PostgreSqlAppFactory app, ITestOutputHelper output)
    : AuthorizationMatrixTests(app, output), IClassFixture<PostgreSqlAppFactory>;
