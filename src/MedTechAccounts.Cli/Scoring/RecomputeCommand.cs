using System.CommandLine;
using System.Globalization;
using MedTechAccounts.Analytics.Calendar;
using MedTechAccounts.Core.Features.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace MedTechAccounts.Cli.Scoring;

/// <summary>
/// <c>medtech recompute [--refit]</c>: rescores every account; <c>--refit</c> refits the lifetime-value models first.
/// <c>medtech recompute --backfill QUARTERS</c>: point-in-time history of the past quarters instead (today's scores untouched).
/// </summary>
public static class RecomputeCommand
{
    public static Command Create()
    {
        var refit = new Option<bool>("--refit") { Description = "Refit the lifetime-value models on the whole portfolio before scoring." };
        var backfill = new Option<int?>("--backfill")
        {
            Description = $"Instead of today's scores: compute the snapshots as of the first and last day of this many past fiscal quarters " +
                $"(1–{ScoreBackfill.MaxQuarters}) from the facts dated on or before each day. Today's scores and the current fit stay as they are.",
        };
        var command = new Command("recompute", "Recompute every account's signals, health score, CLV and next best actions.") { refit, backfill };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(backfill) is { } quarters)
            {
                if (quarters is < 1 or > ScoreBackfill.MaxQuarters || parse.GetValue(refit))
                {
                    await Console.Error.WriteLineAsync(parse.GetValue(refit)
                        ? "--backfill: a backfill never refits the live models; run --refit separately."
                        : $"--backfill: the number of past quarters is a whole number from 1 to {ScoreBackfill.MaxQuarters} (got {quarters}).");
                    return ExitCodes.BadInput;
                }

                return await BackfillAsync(parse, quarters, ct);
            }

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

    private static async Task<int> BackfillAsync(ParseResult parse, int quarters, CancellationToken ct)
    {
        await using var services = CliHost.Build(parse);
        await using var scope = CliHost.SystemScope(services, out _);
        var result = await RunBackfillAsync(scope.ServiceProvider, quarters, ct);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backfilled {quarters} quarters ({result.Days.Count} days, {result.Snapshots:N0} snapshots) in {result.ElapsedMs / 1000.0:N1} s."));
        return ExitCodes.Success;
    }

    /// <summary>Runs a backfill and prints one line per day as it finishes, named by its quarter (the seed uses it too).</summary>
    internal static async Task<BackfillResult> RunBackfillAsync(IServiceProvider services, int quarters, CancellationToken ct)
    {
        var calendar = services.GetRequiredService<FiscalCalendar>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var days = ScoreBackfill.Days(calendar, today, quarters);
        return await services.GetRequiredService<ScoreRecomputer>().BackfillAsync(days, new BackfillProgress(calendar), ct);
    }

    private sealed class BackfillProgress(FiscalCalendar calendar) : IProgress<BackfillDay>
    {
        public void Report(BackfillDay value)
        {
            var quarter = calendar.QuarterOf(value.Day);
            var which = value.Day == calendar.Start(quarter) ? "first day" : "last day";
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{quarter.Label} {which} {value.Day:yyyy-MM-dd}: {value.Backfilled:N0} snapshots, {value.KeptLive:N0} live kept, " +
                $"CLV champion {value.Champion ?? "none (too few customers)"}, {value.ElapsedMs / 1000.0:N1} s"));
        }
    }

    private sealed class ConsoleProgress : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => Console.Error.Write($"\rscoring {value.Done,10:N0} / {value.Total,10:N0}");
    }
}
