using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Features.Incidents;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.UnitTests.Features.Incidents;

/// <summary>The list's "breached first, then by deadline" order is computed by the database on every provider.</summary>
public sealed class IncidentOrderingTests
{
    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("SqlServer")]
    [InlineData("Sqlite")]
    public void The_breached_first_order_translates_to_SQL(string provider)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        _ = provider switch
        {
            "PostgreSql" => builder.UseNpgsql("Host=localhost;Database=none"),
            "SqlServer" => builder.UseSqlServer("Server=localhost;Database=none"),
            _ => builder.UseSqlite("Data Source=:memory:"),
        };
        using var db = new AppDbContext(builder.Options);

        var sql = IncidentList.BreachedFirst(db.Incidents, new IncidentOptions(), new DateTime(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc))
            .Skip(25).Take(25).ToQueryString();

        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("CASE", sql, StringComparison.Ordinal);
    }
}
