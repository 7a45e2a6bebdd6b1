using System.CommandLine;
using MedTechAccounts.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Cli.Database;

/// <summary><c>medtech db migrate</c>: applies the configured provider's pending migrations.</summary>
public static class DbCommands
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply the pending migrations of the configured provider.");
        migrate.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build(parse);
            await using var scope = CliHost.SystemScope(services, out var db);
            var provider = services.GetRequiredService<DatabaseOptions>().Provider;
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.MigrateDatabaseAsync(ct);
            await Console.Out.WriteLineAsync(pending.Count == 0
                ? $"{provider}: the database is up to date."
                : $"{provider}: applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
            return ExitCodes.Success;
        });

        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
