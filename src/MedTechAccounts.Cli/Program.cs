using System.CommandLine;
using MedTechAccounts.Cli;
using MedTechAccounts.Cli.Clv;
using MedTechAccounts.Cli.Database;
using MedTechAccounts.Cli.Scoring;
using MedTechAccounts.Cli.Interchange;
using MedTechAccounts.Cli.Seeding;

var root = new RootCommand("medtech — operator and analyst tool for MedTech Accounts")
{
    CliHost.Provider,
    CliHost.Connection,
};
root.Subcommands.Add(DbCommands.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(ClvCommands.Create());
root.Subcommands.Add(RecomputeCommand.Create());
root.Subcommands.Add(InterchangeCommands.CreateImport());
root.Subcommands.Add(InterchangeCommands.CreateExport());
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException ex)
{
    // Bad configuration or option values (an unknown provider, say): the operator's input.
    await Console.Error.WriteLineAsync($"medtech: {ex.Message}");
    return ExitCodes.BadInput;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    await Console.Error.WriteLineAsync($"medtech: {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.Failure;
}
