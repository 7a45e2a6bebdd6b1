using System.CommandLine;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Cli.Scoring;

/// <summary><c>medtech recompute [--refit]</c>: rescores every account; <c>--refit</c> refits the lifetime-value models first.</summary>
public static class RecomputeCommand
{
    public static Command Create()
    {
        var refit = new Option<bool>("--refit") { Description = "Refit the lifetime-value models on the whole portfolio before scoring." };
        var command = new Command("recompute", "Recompute every account's signals, health score, CLV and next best actions.") { refit };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliHost.Build(parse);
            await using var scope = CliHost.SystemScope(services, out _);
            var recomputer = scope.ServiceProvider.GetRequiredService<ScoreRecomputer>();
            var result = await recomputer.RecomputeAllAsync(parse.GetValue(refit), new ConsoleProgress(), ct);
            Console.Error.WriteLine();
            if (result.FitId is null)
            {
                await Console.Error.WriteLineAsync("No lifetime-value fit yet: CLV is 0 until `medtech recompute --refit` (too few customers with orders?).");
            }

            var (refitMs, readingMs, scoringMs, savingMs) = result.Timings;
            await Console.Out.WriteLineAsync(
                $"Recomputed {result.Accounts:N0} accounts in {result.ElapsedMs / 1000.0:N1} s (refit {refitMs / 1000.0:N1} s, reading facts {readingMs / 1000.0:N1} s, " +
                $"scoring {scoringMs / 1000.0:N1} s, saving {savingMs / 1000.0:N1} s); {result.TasksRaised:N0} tasks raised, {result.EffectsRecorded:N0} task effects recorded.");
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed class ConsoleProgress : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => Console.Error.Write($"\rscoring {value.Done,10:N0} / {value.Total,10:N0}");
    }
}
