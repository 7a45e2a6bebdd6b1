using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

public sealed record ApiPage<T>(List<T> Items, int Page, int PageSize, int TotalCount);

public sealed record ValidationProblem(string? Title, int Status, Dictionary<string, string[]> Errors);

public sealed record Problem(string? Title, int Status, string? Detail);
