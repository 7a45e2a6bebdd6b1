using MedTechAccounts.Core;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MedTechAccounts.IntegrationTests.Data;

/// <summary>The migrations of every provider stay in step with the model, even without a server of that kind here.</summary>
public sealed class MigrationTests
{
    private static AppDbContext Context(DatabaseProvider provider, string connection)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        CoreRegistration.UseProvider(options, provider, connection);
        options.UseOpenIddict();
        return new AppDbContext(options.Options);
    }

    [Fact]
    public void The_SQL_Server_migration_script_creates_every_table_of_the_model()
    {
        using var db = Context(DatabaseProvider.SqlServer, "Server=localhost;Database=medtech;Trusted_Connection=True;TrustServerCertificate=True");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }

        Assert.Contains("decimal(18,2)", script, StringComparison.Ordinal);
        Assert.Contains("datetime2", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=localhost;Database=medtech")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=medtech")]
    public void Each_provider_has_migrations_and_no_model_change_is_missing_one(DatabaseProvider provider, string connection)
    {
        using var db = Context(provider, connection);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: run build/add-migration.sh.");
    }
}
