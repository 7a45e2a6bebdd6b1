using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// The 400 of an API request whose body or query cannot even be bound: field names as the validators name them
/// ("TerritoryId", "DeviceIds[0]", "body" for the request as a whole) and what the field takes, never a .NET
/// type, a JSON path or a parser position.
/// </summary>
public static class ApiBindingProblems
{
    public const string BodyField = "body";

    public static IActionResult Create(ActionContext context)
    {
        var bodyParameters = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body)
            .ToDictionary(p => p.Name, p => p.ParameterType, StringComparer.OrdinalIgnoreCase);
        var bodyType = bodyParameters.Values.FirstOrDefault();
        var entries = context.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).ToList();
        var jsonErrors = entries.Any(e => e.Key.StartsWith('$'));

        var errors = new ModelStateDictionary();
        foreach (var (key, entry) in entries)
        {
            if (bodyParameters.ContainsKey(key) || key.Length == 0)
            {
                // "The command field is required." comes with every unreadable body: one message says it.
                if (!jsonErrors)
                {
                    errors.AddModelError(BodyField, "A request body (JSON) is required.");
                }

                continue;
            }

            foreach (var error in entry!.Errors)
            {
                var message = error.ErrorMessage.Length > 0 ? error.ErrorMessage : error.Exception?.Message ?? "";
                if (!key.StartsWith('$'))
                {
                    errors.AddModelError(key, message.Contains("System.", StringComparison.Ordinal) ? $"The value of {key} is not valid." : message);
                }
                else if (message.Contains("could not be converted", StringComparison.Ordinal) && key.Length > 2)
                {
                    var (field, type) = Walk(bodyType, key[2..]);
                    errors.AddModelError(field, $"{field} must be {Expected(type)}.");
                }
                else if (message.Contains("doesn't allow setting null", StringComparison.Ordinal) && key.Length > 2)
                {
                    var (field, type) = Walk(bodyType, key[2..]);
                    errors.AddModelError(field, $"{field} cannot be null: it must be {Expected(type)}.");
                }
                else
                {
                    errors.AddModelError(BodyField, "The request body is not valid JSON.");
                }
            }
        }

        var problems = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var details = problems.CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest, "One or more fields are invalid.");
        return new BadRequestObjectResult(details) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>"deviceIds[0]" on the body type: the field as the validators name it ("DeviceIds[0]") and the type it takes.</summary>
    private static (string Field, Type? Type) Walk(Type? type, string path)
    {
        var names = new List<string>();
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            names.Add((property?.Name ?? Capitalise(name)) + (bracket < 0 ? "" : segment[bracket..]));
            type = property?.PropertyType;
            if (bracket >= 0 && type is not null)
            {
                type = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            }
        }

        return (string.Join('.', names), type);
    }

    private static string Capitalise(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of the right kind",
            _ when type == typeof(Guid) => "an id (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301)",
            _ when type == typeof(DateOnly) => "a date as YYYY-MM-DD",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a time in ISO 8601 with Z or an offset",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "text",
            { IsEnum: true } => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when typeof(IEnumerable).IsAssignableFrom(type) => "a list",
            _ => "a value of the right kind",
        };
    }
}
