using System.CommandLine;
using Mediator;
using MedTechAccounts.Core.Features.Interchange;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Cli.Interchange;

/// <summary>
/// <c>medtech import KIND FILE</c> and <c>medtech export KIND FILE</c>: the CSV files of design section 8, as the
/// system. A file with any bad line changes nothing; each problem is printed to stderr as <c>FILE: line N: column: reason</c>.
/// </summary>
public static class InterchangeCommands
{
    public static Command CreateImport()
    {
        var kind = new Argument<string>("KIND") { Description = $"One of: {string.Join(", ", ImportCsv.Kinds)}." };
        var file = new Argument<string>("FILE") { Description = "The CSV file (UTF-8, header row, comma-separated)." };
        var confirmed = new Option<bool>("--confirmed-no-patient-information")
        {
            Description = "The interaction notes of the file hold no patient information: import notes the check flags instead of refusing their lines.",
        };
        var command = new Command("import", "Import one CSV file: upsert by the external key, all or nothing.") { kind, file, confirmed };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"{path}: file not found.");
                return ExitCodes.BadInput;
            }

            await using var services = CliHost.Build(parse);
            await using var scope = CliHost.SystemScope(services, out _);
            await using var content = File.OpenRead(path);
            ImportCsv.Result result;
            try
            {
                result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportCsv.Command(parse.GetValue(kind)!, content, parse.GetValue(confirmed)), ct);
            }
            catch (ValidationFailedException ex)
            {
                await Console.Error.WriteLineAsync($"medtech import: {string.Join(" ", ex.Errors.SelectMany(e => e.Value))}");
                return ExitCodes.BadInput;
            }

            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync($"{path}: {error}");
                }

                await Console.Error.WriteLineAsync($"{path}: {result.Errors.Count} problem(s); nothing was changed.");
                return ExitCodes.BadInput;
            }

            await Console.Out.WriteLineAsync(
                $"{result.Kind}: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged ({result.Lines} lines).");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateExport()
    {
        var kind = new Argument<string>("KIND") { Description = $"One of: {string.Join(", ", ExportCsv.Kinds)}." };
        var file = new Argument<string>("FILE") { Description = "The CSV file to write (replaced if it exists)." };
        var command = new Command("export", "Export one kind as CSV, in the columns the import reads.") { kind, file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            await using var services = CliHost.Build(parse);
            await using var scope = CliHost.SystemScope(services, out _);
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var name = parse.GetValue(kind)!;
            if (!ExportCsv.Kinds.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync($"medtech export: Kind must be one of: {string.Join(", ", ExportCsv.Kinds)}.");
                return ExitCodes.BadInput;
            }

            var temporary = path + ".partial";
            ExportCsv.Result result;
            await using (var output = File.Create(temporary))
            {
                result = await sender.Send(new ExportCsv.Query(name, output), ct);
            }

            File.Move(temporary, path, overwrite: true);
            await Console.Out.WriteLineAsync($"{result.Kind}: exported {result.Rows} row(s) to {path}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
