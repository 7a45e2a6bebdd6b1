using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MedTechAccounts.IntegrationTests.Security;

/// <summary>One write of the JSON API as the app's OpenAPI document describes it: method, path template, route parameters, body schema.</summary>
public sealed record ApiOperation(string Method, string Template, IReadOnlyList<string> RouteParameters, ApiSchema? Body)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>A JSON schema of the API description with <c>$ref</c> and nullable <c>oneOf</c> resolved.</summary>
public sealed class ApiSchema
{
    private readonly JsonObject _node;
    private readonly JsonObject _components;

    private ApiSchema(JsonObject node, JsonObject components, bool nullable)
    {
        _node = node;
        _components = components;
        var types = node["type"] switch
        {
            JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        Nullable = nullable || types.Contains("null") || (node["enum"] is JsonArray withNull && withNull.Any(v => v is null));
        Enum = node["enum"] is JsonArray values ? [.. values.OfType<JsonNode>().Select(v => v.ToString())] : null;
        Format = node["format"]?.GetValue<string>();
        // ["integer", "string"] is a number the API also reads from a string: a number first.
        Type = new[] { "object", "array", "integer", "number", "boolean", "string" }.FirstOrDefault(types.Contains)
            ?? (node["properties"] is not null ? "object" : Enum is not null ? "string" : "any");
    }

    public string Type { get; }
    public string? Format { get; }
    public bool Nullable { get; }
    public IReadOnlyList<string>? Enum { get; }

    public IEnumerable<(string Name, ApiSchema Schema)> Properties =>
        _node["properties"] is JsonObject properties
            ? properties.Select(p => (p.Key, Resolve((JsonObject)p.Value!, _components)))
            : [];

    public ApiSchema? Items => _node["items"] is JsonObject items ? Resolve(items, _components) : null;

    public static ApiSchema Resolve(JsonObject node, JsonObject components, bool nullable = false)
    {
        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            return Resolve((JsonObject)components[reference.Split('/')[^1]]!, components, nullable);
        }

        if ((node["oneOf"] ?? node["anyOf"]) is JsonArray choices)
        {
            var isNull = (JsonNode? c) => c?["type"]?.GetValue<string>() == "null";
            var other = choices.FirstOrDefault(c => !isNull(c)) as JsonObject;
            return other is null ? new ApiSchema(node, components, true) : Resolve(other, components, nullable || choices.Any(isNull));
        }

        return new ApiSchema(node, components, nullable);
    }
}

public static partial class ApiDescription
{
    public const string DocumentPath = "/api/openapi/v1.json";

    /// <summary>Every POST, PUT and PATCH under /api in the OpenAPI document, in a fixed order.</summary>
    public static List<ApiOperation> Writes(JsonNode document)
    {
        var components = (JsonObject?)document["components"]?["schemas"] ?? [];
        var operations = new List<ApiOperation>();
        foreach (var (template, item) in (JsonObject)document["paths"]!)
        {
            foreach (var (method, operation) in (JsonObject)item!)
            {
                if (method is not ("post" or "put" or "patch") || !template.StartsWith("/api/", StringComparison.Ordinal))
                {
                    continue;
                }

                var parameters = (operation!["parameters"] as JsonArray ?? [])
                    .Where(p => p!["in"]?.GetValue<string>() == "path").Select(p => p!["name"]!.GetValue<string>()).ToList();
                var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                operations.Add(new ApiOperation(method.ToUpperInvariant(), template, parameters,
                    schema is null ? null : ApiSchema.Resolve(schema, components)));
            }
        }

        return [.. operations.OrderBy(o => o.Template, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }

    /// <summary>The API writes the app serves (its endpoint data source), by "METHOD /template" without route constraints.</summary>
    public static SortedDictionary<string, RouteEndpoint> ServedWrites(EndpointDataSource endpoints)
    {
        var writes = new SortedDictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (method is "POST" or "PUT" or "PATCH" && template.StartsWith("/api/", StringComparison.Ordinal))
                {
                    writes[$"{method} {Constraint().Replace(template, "}")}"] = endpoint;
                }
            }
        }

        return writes;
    }

    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex Constraint();
}
