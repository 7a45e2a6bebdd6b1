using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>One generated request: what is sent, and which mutation of a valid request it is.</summary>
public sealed record FuzzRequest(string Method, string Path, string? ContentType, byte[] Body, string Mutation)
{
    public string Describe(int maxBody = 400)
    {
        var text = Encoding.UTF8.GetString(Body);
        var body = text.Length <= maxBody ? text : $"{text[..maxBody]}… ({Body.Length:N0} bytes)";
        return $"{Method} {(Path.Length <= 200 ? Path : Path[..200] + "…")}\nContent-Type: {ContentType ?? "(none)"}\nMutation: {Mutation}\nBody: {body}";
    }
}

/// <summary>
/// JSON as text, so that a body can hold what no serializer writes: 1e309, 40-digit numbers, lone surrogates,
/// duplicate keys, nesting 10,000 deep.
/// </summary>
public abstract class JsonText
{
    public abstract void WriteTo(StringBuilder text);

    public sealed override string ToString()
    {
        var text = new StringBuilder();
        WriteTo(text);
        return text.ToString();
    }

    public sealed class Literal(string text) : JsonText
    {
        public string Text { get; } = text;

        public override void WriteTo(StringBuilder text) => text.Append(Text);
    }

    public sealed class Members(ImmutableList<(string Key, JsonText Value)> properties) : JsonText
    {
        public ImmutableList<(string Key, JsonText Value)> Properties { get; } = properties;

        public override void WriteTo(StringBuilder text)
        {
            text.Append('{');
            for (var i = 0; i < Properties.Count; i++)
            {
                text.Append(i == 0 ? "" : ",").Append(JsonSerializer.Serialize(Properties[i].Key)).Append(':');
                Properties[i].Value.WriteTo(text);
            }

            text.Append('}');
        }
    }

    public sealed class Items(ImmutableList<JsonText> items) : JsonText
    {
        public ImmutableList<JsonText> Values { get; } = items;

        public override void WriteTo(StringBuilder text)
        {
            text.Append('[');
            for (var i = 0; i < Values.Count; i++)
            {
                Values[i].WriteTo(text.Append(i == 0 ? "" : ","));
            }

            text.Append(']');
        }
    }
}

/// <summary>
/// Generators of requests for one API operation, derived from its schema: a valid body (ids of real records where a
/// property names a kind of record) with one mutation — a value of the wrong type, null, a missing or unknown
/// property, a huge or control-character string, a date at the calendar's ends or malformed, a number out of range —
/// or a whole body that is empty, not JSON, an array, nested 10,000 deep, or sent with the wrong content type; and,
/// where the route has an id, a missing, malformed or huge one.
/// </summary>
public sealed class ApiFuzzInputs(IReadOnlyDictionary<(string Kind, string Side), Guid> records)
{
    private const string Json = "application/json";
    private static readonly DateTime Now = DateTime.UtcNow;

    private readonly Guid[] _allIds = [.. records.Values.Order()];

    public Gen<FuzzRequest> For(ApiOperation operation)
    {
        var body = operation.Body is null ? Gen.Const<JsonText>(new JsonText.Literal("{}")) : Valid(operation.Body, "");
        var gens = new List<(int, IGen<FuzzRequest>)>
        {
            (10, WholeBodies(operation, body)),
            (8, from valid in body from type in Gen.OneOf(ContentTypes) select Request(operation, RoutePath(operation), type, valid.ToString(), $"Content-Type {type ?? "(none)"}")),
        };
        if (operation.Body is { } schema && schema.Properties.Any())
        {
            gens.Add((55, from valid in body
                          let positions = Positions(valid, schema, "", []).ToArray()
                          from at in Gen.Int[0, positions.Length - 1]
                          from bad in Bad(positions[at].Schema)
                          select Request(operation, RoutePath(operation), Json, Replace(valid, positions[at].Path, bad).ToString(), $"{positions[at].Label} = {Short(bad)}")));
            gens.Add((10, from valid in body
                          let properties = Positions(valid, schema, "", []).Where(p => p.Path[^1].Key is not null).ToArray()
                          from at in Gen.Int[0, properties.Length - 1]
                          select Request(operation, RoutePath(operation), Json, Remove(valid, properties[at].Path).ToString(), $"{properties[at].Label} missing")));
            gens.Add((7, from valid in body
                         from key in Gen.OneOf(UnknownKeys(schema))
                         from value in Bad(schema)
                         select Request(operation, RoutePath(operation), Json, Add(valid, key, value).ToString(), $"unknown or repeated property {key} = {Short(value)}")));
        }

        if (operation.RouteParameters.Count > 0)
        {
            gens.Add((12, from valid in body
                          from id in RouteIds
                          select Request(operation, RoutePath(operation, id), Json, valid.ToString(), $"route id {Shorten(id, 60)}")));
        }

        return Gen.Frequency([.. gens]);
    }

    // --- Valid values, from the schema -----------------------------------------------------------------------------

    private Gen<JsonText> Valid(ApiSchema schema, string name)
    {
        if (schema.Enum is { Count: > 0 } values)
        {
            return Gen.OneOf([.. values.Select(v => (JsonText)String(v))]);
        }

        return schema.Type switch
        {
            "object" => schema.Properties.Aggregate(Gen.Const(ImmutableList<(string, JsonText)>.Empty),
                    (members, property) => Gen.Select(members, Valid(property.Schema, property.Name), (list, value) => list.Add((property.Name, value))))
                .Select(members => (JsonText)new JsonText.Members(members)),
            "array" => Valid(schema.Items ?? ApiSchema.Resolve(new System.Text.Json.Nodes.JsonObject(), new System.Text.Json.Nodes.JsonObject()), name).Array[0, 2].Select(items => (JsonText)new JsonText.Items([.. items])),
            "integer" => (name.Contains("year", StringComparison.OrdinalIgnoreCase) ? Gen.Int[Now.Year - 1, Now.Year + 2] : Gen.Int[0, 4]).Select(Number),
            "number" => Gen.Int[0, 50_000].Select(Number),
            "boolean" => Gen.Bool.Select(b => (JsonText)new JsonText.Literal(b ? "true" : "false")),
            "string" when schema.Format == "uuid" => IdFor(name),
            "string" when schema.Format == "date" => Gen.Int[-300, 300].Select(days => String(Now.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            "string" when schema.Format == "date-time" => Gen.Int[1, 2_000].Select(hours => String(Now.AddHours(-hours).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))),
            "string" => TextFor(name),
            _ => Gen.Const<JsonText>(String("x")),
        };
    }

    /// <summary>Words in a property's name that say which kind of record its id names.</summary>
    private static readonly (string Word, string Kind)[] IdKinds =
    [
        ("account", "accounts"), ("contact", "contacts"), ("device", "devices"), ("product", "products"), ("territor", "territories"),
        ("renewedfrom", "contracts"), ("contract", "contracts"), ("incident", "incidents"), ("interaction", "interactions"),
        ("order", "orders"), ("survey", "surveys"), ("task", "tasks"), ("target", "targets"),
        ("rep", "users"), ("responder", "users"), ("assignee", "users"), ("user", "users"),
    ];

    private Gen<JsonText> IdFor(string name)
    {
        var kind = IdKinds.FirstOrDefault(k => name.Contains(k.Word, StringComparison.OrdinalIgnoreCase)).Kind;
        return kind is not null && records.ContainsKey((kind, MatrixWorld.A))
            ? Gen.OneOf(String(records[(kind, MatrixWorld.A)].ToString()), String(records[(kind, MatrixWorld.B)].ToString()))
            : Gen.Guid.Select(g => String(g.ToString()));
    }

    private static Gen<JsonText> TextFor(string name) => name.ToLowerInvariant() switch
    {
        "email" => Gen.Int[0, 1_000_000].Select(n => String($"fuzz-{n}@test.medtech")),
        "password" => Gen.Int[0, 1_000_000].Select(n => String($"violet kettle harbour {n}")),
        "timezone" => Gen.OneOf(String("America/Chicago"), String("Europe/Berlin")),
        "state" => Gen.Const(String("IL")),
        "role" => Gen.OneOf(String("Rep"), String("Manager")),
        "signature" => Gen.Const(String(SignaturePng)),
        _ => Gen.Int['a', 'z'].Array[1, 16].Select(chars => String(new string([.. chars.Select(c => (char)c)]))),
    };

    /// <summary>A 1×1 PNG, as base64: a signature the API accepts.</summary>
    private const string SignaturePng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    // --- Bad values ------------------------------------------------------------------------------------------------

    private static readonly string[] WrongTypes = ["null", "true", "false", "0", "-1", "\"\"", "\"x\"", "{}", "[]", "[null]", "[{}]", "{\"id\":1}", "\"null\""];

    private static readonly string Megabyte = "\"" + new string('A', 1 << 20) + "\"";
    private static readonly string MegabyteOfEscapes = "\"" + string.Concat(Enumerable.Repeat("\\u0000\\u001f\\ud83d\\ude00Zürich\\n", 1 << 15)) + "\"";
    private static readonly string DeepArrays = new string('[', 10_000) + new string(']', 10_000);
    private static readonly string DeepObjects = string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000);

    private static readonly string[] Strings =
    [
        Megabyte, MegabyteOfEscapes, "\"" + new string('x', 10_000) + "\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\u0001\\u0008\\u001f\\u007f\"",
        "\"\\ud800\"", "\"x\\udc00y\"", "\"\\udbff\\udfff\"", "\"\\u202e\\u200b\\ufeff\"", "\"   \"", "\"\\r\\n\\t\"", "\"🙂 東京\"",
        "\"<script>alert(1)</script>\"", "\"%00\"", "\"../../etc/passwd\"", "\"\\\\\"", "\"=HYPERLINK(\\\"x\\\")\"",
    ];

    private static readonly string[] Dates =
    [
        "\"0001-01-01\"", "\"9999-12-31\"", "\"0000-00-00\"", "\"2026-02-30\"", "\"2026-13-01\"", "\"-0001-01-01\"", "\"10000-01-01\"",
        "\"2026-1-1\"", "\"01/02/2026\"", "\"2026-01-01T25:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"",
        "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"", "\"2026-06-01T10:00:00\"", "\"2026-06-01\"", "\"now\"",
        "1767225600", "\"2026-06-01T10:00:00.123456789012Z\"",
    ];

    private static readonly string[] Numbers =
    [
        "1e309", "-1e309", "1e-400", "1234567890123456789012345678901234567890", "-1234567890123456789012345678901234567890",
        "0.1234567890123456789012345678901234567891", "2147483648", "-2147483649", "2147483647", "-2147483648", "9223372036854775808",
        "79228162514264337593543950336", "-0", "0.5", "1E2", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"", "\"12\"",
        "\"0x10\"", "NaN", "Infinity", "01", "+1", ".5",
    ];

    private string[] Ids() =>
    [
        "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"", $"\"{{{_allIds[0]}}}\"", $"\"{_allIds[0].ToString().ToUpperInvariant()}\"",
        $"\"{_allIds[0]:N}\"", $"\"{_allIds[0]}x\"", $"\"{Guid.NewGuid()}\"", "1234",
        .. _allIds.Select(id => $"\"{id}\""),
    ];

    private static string[] Enums(IReadOnlyList<string> values) =>
        ["\"NotAValue\"", "99", "-1", "\"1\"", $"\"{values[0]}, {values[^1]}\"", $"\"{values[0].ToLowerInvariant()}\"", $"\" {values[0]}\""];

    private static readonly string[] Booleans = ["\"true\"", "1", "0", "\"yes\""];

    private Gen<JsonText> Bad(ApiSchema schema)
    {
        var typed = schema switch
        {
            { Enum: { Count: > 0 } values } => Enums(values),
            { Format: "uuid" } => Ids(),
            { Format: "date" or "date-time" } => Dates,
            { Type: "integer" or "number" } => Numbers,
            { Type: "boolean" } => Booleans,
            { Type: "array" } => ["\"x\"", "{}", "1", "[[]]", "[[[[[]]]]]", "[null,null]", .. Strings.Take(1).Select(s => $"[{s}]")],
            { Type: "object" } => ["[]", "[{}]", "\"x\"", "1"],
            _ => Strings,
        };
        var gens = new List<(int, IGen<JsonText>)>
        {
            (6, Gen.OneOf([.. typed.Select(t => (JsonText)new JsonText.Literal(t))])),
            (2, Gen.OneOf([.. WrongTypes.Select(t => (JsonText)new JsonText.Literal(t))])),
            (1, Gen.OneOf([.. Strings.Concat(Numbers).Concat(Dates).Select(t => (JsonText)new JsonText.Literal(t))])),
            (1, Gen.OneOf<JsonText>(new JsonText.Literal(DeepArrays), new JsonText.Literal(DeepObjects))),
        };
        if (schema is { Type: "array", Items: { } items })
        {
            gens.Add((3, Bad(items).Select(item => (JsonText)new JsonText.Items([item]))));
        }

        return Gen.Frequency([.. gens]);
    }

    private static string[] UnknownKeys(ApiSchema body)
    {
        var known = body.Properties.Select(p => p.Name).ToList();
        return ["unknown", "$type", "$id", "$ref", "__proto__", "", .. known.Take(3), .. known.Take(3).Select(k => k.ToUpperInvariant())];
    }

    // --- Whole bodies, content types and route ids -------------------------------------------------------------------

    private static readonly string?[] ContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null,
        "application/json; charset=utf-16", "application/json; charset=nope", "application/merge-patch+json", "*/*", "application/json, text/plain",
    ];

    private static readonly string[] Bodies =
    [
        "", " ", "null", "[]", "[{}]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "not json", "<xml/>", "{'a':1}", "{\"a\":1,}",
        "/* comment */ {}", "\u0000", "{}garbage", "{\"a\":1}{\"b\":2}", DeepArrays, DeepObjects, Megabyte,
    ];

    private Gen<FuzzRequest> WholeBodies(ApiOperation operation, Gen<JsonText> valid) => Gen.Frequency(
        (6, Gen.OneOf(Bodies).Select(body => Request(operation, RoutePath(operation), Json, body, $"body {Shorten(body, 40)}"))),
        (2, valid.Select(body => Request(operation, RoutePath(operation), Json, $"[{body}]", "an array where the object belongs"))),
        (1, valid.Select(body => Request(operation, RoutePath(operation), Json, "\uFEFF" + body, "a byte order mark before the body"))),
        (1, Gen.Const(new FuzzRequest(operation.Method, RoutePath(operation), Json, [.. "{\"x\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8], "bytes that are not UTF-8"))));

    private Gen<string> RouteIds => Gen.Frequency(
        (6, Gen.OneOf("not-a-guid", "0", "-1", "99999999999999999999", "2147483648", "00000000-0000-0000-0000-000000000000", "%2e%2e", "%20",
            Uri.EscapeDataString($"{{{_allIds[0]}}}"), new string('a', 5_000))),
        (3, Gen.Guid.Select(g => g.ToString())),
        (3, Gen.OneOf([.. _allIds.Select(id => id.ToString())])));

    /// <summary>The operation's path, its route parameters filled with a record of the kind the segment before them names (side A).</summary>
    private string RoutePath(ApiOperation operation, string? id = null)
    {
        var path = operation.Template;
        foreach (var parameter in operation.RouteParameters)
        {
            var segments = path.Split('/');
            var at = Array.IndexOf(segments, $"{{{parameter}}}");
            var record = at > 0 && records.TryGetValue((segments[at - 1], MatrixWorld.A), out var known) ? known.ToString() : Guid.Empty.ToString();
            path = path.Replace($"{{{parameter}}}", id ?? record, StringComparison.Ordinal);
        }

        return path;
    }

    private static FuzzRequest Request(ApiOperation operation, string path, string? contentType, string body, string mutation) =>
        new(operation.Method, path, contentType, Encoding.UTF8.GetBytes(body), mutation);

    // --- Positions in a body -----------------------------------------------------------------------------------------

    private readonly record struct Step(string? Key, int Index);

    private sealed record Position(ImmutableArray<Step> Path, ApiSchema Schema, string Label);

    /// <summary>Every value inside <paramref name="value"/> (not the body itself), with its schema and a label such as <c>lines[0].quantity</c>.</summary>
    private static IEnumerable<Position> Positions(JsonText value, ApiSchema schema, string label, ImmutableArray<Step> path)
    {
        if (value is JsonText.Members members)
        {
            var properties = schema.Properties.ToDictionary(p => p.Name, p => p.Schema);
            foreach (var (key, child) in members.Properties.Where(p => properties.ContainsKey(p.Key)))
            {
                var at = path.Add(new Step(key, 0));
                var name = label.Length == 0 ? key : $"{label}.{key}";
                yield return new Position(at, properties[key], name);
                foreach (var inner in Positions(child, properties[key], name, at))
                {
                    yield return inner;
                }
            }
        }
        else if (value is JsonText.Items items && schema.Items is { } itemSchema)
        {
            for (var i = 0; i < items.Values.Count; i++)
            {
                var at = path.Add(new Step(null, i));
                yield return new Position(at, itemSchema, $"{label}[{i}]");
                foreach (var inner in Positions(items.Values[i], itemSchema, $"{label}[{i}]", at))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonText Replace(JsonText value, ImmutableArray<Step> path, JsonText replacement) => Edit(value, path, _ => replacement);

    private static JsonText Remove(JsonText value, ImmutableArray<Step> path) => path.Length == 1
        ? new JsonText.Members(((JsonText.Members)value).Properties.RemoveAll(p => p.Key == path[0].Key))
        : Edit(value, path[..^1], parent => Remove(parent, [path[^1]]));

    private static JsonText Add(JsonText value, string key, JsonText added) =>
        value is JsonText.Members members ? new JsonText.Members(members.Properties.Add((key, added))) : value;

    private static JsonText Edit(JsonText value, ImmutableArray<Step> path, Func<JsonText, JsonText> edit)
    {
        if (path.IsEmpty)
        {
            return edit(value);
        }

        var step = path[0];
        return value switch
        {
            JsonText.Members members => new JsonText.Members(members.Properties.Select(p => p.Key == step.Key ? (p.Key, Edit(p.Value, path[1..], edit)) : p).ToImmutableList()),
            JsonText.Items items => new JsonText.Items(items.Values.SetItem(step.Index, Edit(items.Values[step.Index], path[1..], edit))),
            _ => value,
        };
    }

    private static JsonText String(string text) => new JsonText.Literal(JsonSerializer.Serialize(text));

    private static JsonText Number(int n) => new JsonText.Literal(n.ToString(CultureInfo.InvariantCulture));

    private static string Short(JsonText value) => Shorten(value.ToString(), 60);

    private static string Shorten(string text, int max) => text.Length <= max ? text : $"{text[..max]}… ({text.Length:N0} chars)";
}
