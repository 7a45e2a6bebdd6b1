using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace MedTechAccounts.Web.Features.ApiReference;

/// <summary>
/// A browsable API reference drawn from the same endpoint metadata as the OpenAPI document
/// (/api/openapi/v1.json), rendered on the server: no script from elsewhere, nothing inline.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ApiReferenceController(IApiDescriptionGroupCollectionProvider explorer) : Controller
{
    public sealed record Endpoint(string Method, string Path, string? Summary, IReadOnlyList<Parameter> Parameters, string? Body, IReadOnlyList<string> Responses);

    public sealed record Parameter(string Name, string Source, string Type);

    [HttpGet("/api/reference"), AllowAnonymous]
    public IActionResult Index()
    {
        var endpoints = explorer.ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
            .OrderBy(d => d.RelativePath, StringComparer.Ordinal).ThenBy(d => d.HttpMethod, StringComparer.Ordinal)
            .Select(d => new Endpoint(
                d.HttpMethod ?? "GET",
                "/" + d.RelativePath,
                null,
                d.ParameterDescriptions.Where(p => p.Source.Id is "Query" or "Path")
                    .Select(p => new Parameter(p.Name, p.Source.Id.ToLowerInvariant(), TypeName(p.Type))).ToList(),
                d.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body") is { } body ? TypeName(body.Type) : null,
                d.SupportedResponseTypes.Select(r => $"{r.StatusCode}{(r.Type is null || r.Type == typeof(void) ? "" : " " + TypeName(r.Type))}").ToList()))
            .ToList();
        return View(endpoints);
    }

    private static string TypeName(Type? type)
    {
        if (type is null)
        {
            return "";
        }

        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">" : type.Name;
        return type.DeclaringType is { } outer && !type.IsGenericParameter ? $"{outer.Name}.{name}" : name;
    }
}
