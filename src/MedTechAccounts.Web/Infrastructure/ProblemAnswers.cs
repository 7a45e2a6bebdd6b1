using Microsoft.AspNetCore.Mvc;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>Problem details written by middleware (outside MVC's filters), each with the request's trace id.</summary>
public static class ProblemAnswers
{
    public static string TraceId(HttpContext http) => System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;

    public static Task WriteAsync(HttpContext http, int status, string title, string? detail = null, CancellationToken cancellationToken = default)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["traceId"] = TraceId(http) } };
        return http.Response.WriteAsJsonAsync(problem, options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json", cancellationToken);
    }
}
