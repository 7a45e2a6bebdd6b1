using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// Names of the API description's schemas. The default uses a type's own name, so every use case's nested
/// <c>Command</c>, <c>Result</c> and <c>Row</c> would share one schema and most bodies would be described wrongly:
/// a nested type is named with the types around it (<c>CreateAccountCommand</c>, <c>PagedResultOfAccountListRow</c>).
/// </summary>
public static class ApiSchemaNames
{
    public static string? Of(JsonTypeInfo type) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(type) is null ? null : Name(type.Type);

    private static string Name(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Join("And", type.GetGenericArguments().Select(Name))
            : type.Name;
        return type.DeclaringType is { } outer ? Name(outer) + name : name;
    }
}
