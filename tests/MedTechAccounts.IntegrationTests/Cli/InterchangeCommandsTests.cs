extern alias cli;

using System.CommandLine;
using cli::MedTechAccounts.Cli;
using cli::MedTechAccounts.Cli.Database;
using cli::MedTechAccounts.Cli.Interchange;
using Microsoft.Data.Sqlite;

namespace MedTechAccounts.IntegrationTests.Cli;

/// <summary>`medtech import KIND FILE` and `medtech export KIND FILE` against a real SQLite file: exit codes and messages.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InterchangeCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medtech-cli-csv-").FullName;

    private string Connection => $"Data Source={Path.Combine(_folder, "medtech.db")};Pooling=False";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("medtech") { CliHost.Provider, CliHost.Connection };
        root.Subcommands.Add(DbCommands.Create());
        root.Subcommands.Add(InterchangeCommands.CreateImport());
        root.Subcommands.Add(InterchangeCommands.CreateExport());
        return ConsoleCapture.RunAsync(root, [.. args, "--provider", "Sqlite", "--connection", Connection]);
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Import_then_export_exits_0_and_the_export_holds_what_was_imported()
    {
        Assert.Equal(0, (await Run("db", "migrate")).Code);
        var input = File("territories.csv", "name,region\nNorth Texas,Central\n\"Pacific, North\",West\n");
        var output = Path.Combine(_folder, "out.csv");

        var imported = await Run("import", "territories", input);
        var again = await Run("import", "TERRITORIES", input);
        var exported = await Run("export", "territories", output);

        Assert.True(imported.Code == 0, imported.Err);
        Assert.Contains("territories: 2 created, 0 updated, 0 unchanged (2 lines).", imported.Out, StringComparison.Ordinal);
        Assert.Contains("0 created, 0 updated, 2 unchanged", again.Out, StringComparison.Ordinal);
        Assert.True(exported.Code == 0, exported.Err);
        Assert.Equal("name,region\r\nNorth Texas,Central\r\n\"Pacific, North\",West\r\n", await System.IO.File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task A_bad_file_exits_1_prints_every_problem_with_file_and_line_and_changes_nothing()
    {
        Assert.Equal(0, (await Run("db", "migrate")).Code);
        var input = File("bad.csv", "name,region\nGood,East\n\"Two\nlines\",\n,West\nGood,East\n");
        var output = Path.Combine(_folder, "out.csv");

        var result = await Run("import", "territories", input);
        await Run("export", "territories", output);

        Assert.Equal(1, result.Code);
        Assert.Contains($"{input}: line 3: region: is required", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{input}: line 5: name: is required", result.Err, StringComparison.Ordinal);
        Assert.Contains($"{input}: line 6: name: duplicate key, first on line 2", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Err, StringComparison.Ordinal);
        Assert.Equal("name,region\r\n", await System.IO.File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task An_unknown_kind_a_missing_file_and_importing_scores_exit_1()
    {
        Assert.Equal(0, (await Run("db", "migrate")).Code);
        var input = File("scores.csv", "account_external_id\nA\n");

        var unknown = await Run("import", "patients", input);
        var missing = await Run("import", "territories", Path.Combine(_folder, "nope.csv"));
        var scores = await Run("import", "scores", input);
        var export = await Run("export", "patients", Path.Combine(_folder, "x.csv"));

        Assert.Equal((1, 1, 1, 1), (unknown.Code, missing.Code, scores.Code, export.Code));
        Assert.Contains("Kind must be one of: territories, users, products", unknown.Err, StringComparison.Ordinal);
        Assert.Contains("file not found", missing.Err, StringComparison.Ordinal);
        Assert.Contains("scores can be exported only", scores.Err, StringComparison.Ordinal);
    }
}
