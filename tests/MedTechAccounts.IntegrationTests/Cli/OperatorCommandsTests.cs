extern alias cli;

using System.CommandLine;
using cli::MedTechAccounts.Cli;
using cli::MedTechAccounts.Cli.Database;
using cli::MedTechAccounts.Cli.Scoring;
using cli::MedTechAccounts.Cli.Seeding;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MedTechAccounts.IntegrationTests.Cli;

/// <summary>`medtech db migrate`, `medtech seed` and `medtech recompute --backfill` against a real SQLite file.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class OperatorCommandsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"medtech-cli-{Guid.NewGuid():N}.db");

    private string Connection => $"Data Source={_file};Pooling=False";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("medtech") { CliHost.Provider, CliHost.Connection };
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(RecomputeCommand.Create());
        return ConsoleCapture.RunAsync(root, args);
    }

    [Fact]
    public async Task Migrate_creates_the_schema_once_and_then_reports_it_is_up_to_date()
    {
        var first = await Run("db", "migrate", "--provider", "sqlite", "--connection", Connection);
        var second = await Run("db", "migrate", "--provider", "SQLITE", "--connection", Connection);

        Assert.Equal(0, first.Code);
        Assert.Matches(@"^Sqlite: applied \d+ migration\(s\): \d+_Initial, .*\d+_Scoring", first.Out);
        Assert.Equal(0, second.Code);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
        // Readers must not wait for the recompute's writes: the file keeps write-ahead logging.
        Assert.Equal("wal", await JournalModeAsync());
    }

    private async Task<object?> JournalModeAsync()
    {
        await using var connection = new SqliteConnection(Connection);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode;";
        return await pragma.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Seed_writes_a_small_generated_portfolio_and_refuses_to_write_it_twice()
    {
        var seeded = await Run("seed", "--profile", "large", "--accounts", "40", "--seed", "7", "--provider", "Sqlite", "--connection", Connection);
        var again = await Run("seed", "--profile", "large", "--accounts", "40", "--connection", Connection);

        Assert.True(seeded.Code == 0, seeded.Err);
        Assert.Equal(1, again.Code);
        Assert.Contains("already holds accounts", again.Err, StringComparison.Ordinal);
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(Connection).Options) { Scope = AccessScope.Everything };
        Assert.Equal(40, await db.Accounts.CountAsync());
        Assert.True(await db.Interactions.AnyAsync());
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Field == "(bulk)"));
        // The seed ends with its history: one line per backfilled day, named by its quarter, then the total.
        Assert.Matches(@"\d{4}-Q\d last day \d{4}-\d{2}-\d{2}: [\d,]+ snapshots, 0 live kept, CLV champion \w+, [\d.]+ s", seeded.Out);
        Assert.Contains("Backfilled 8 quarters of history", seeded.Out, StringComparison.Ordinal);
        Assert.True(await db.AccountScores.AnyAsync(s => s.Backfilled));
        Assert.False(await db.AccountScores.AnyAsync(s => !s.Backfilled));
        // The seed's own tuning puts the journal back as the migration left it.
        Assert.Equal("wal", await JournalModeAsync());
    }

    [Fact]
    public async Task A_backfill_of_more_quarters_than_allowed_or_with_a_refit_is_bad_input_naming_the_option()
    {
        var tooMany = await Run("recompute", "--backfill", "13", "--provider", "Sqlite", "--connection", Connection);
        var withRefit = await Run("recompute", "--backfill", "2", "--refit", "--provider", "Sqlite", "--connection", Connection);
        var seedTooMany = await Run("seed", "--profile", "demo", "--backfill", "-1", "--provider", "Sqlite", "--connection", Connection);

        Assert.Equal((1, 1, 1), (tooMany.Code, withRefit.Code, seedTooMany.Code));
        Assert.Contains("--backfill: the number of past quarters is a whole number from 1 to 12 (got 13).", tooMany.Err, StringComparison.Ordinal);
        Assert.Contains("--backfill: a backfill never refits", withRefit.Err, StringComparison.Ordinal);
        Assert.Contains("--backfill: the number of past quarters is a whole number from 0 to 12 (got -1).", seedTooMany.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(_file));
    }

    [Fact]
    public async Task An_unknown_profile_is_bad_input()
    {
        var result = await Run("seed", "--profile", "huge", "--connection", Connection);

        Assert.Equal(1, result.Code);
    }
}
