using System.CommandLine;
using System.Diagnostics;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Cli.Clv;

/// <summary>
/// <c>medtech clv fit | predict | backtest</c>: a thin shell over <see cref="ClvTool"/>.
/// Exit codes: 0 success, 1 bad input (the message names file, line and column), 2 failure
/// (including a fit that did not converge; its JSON is still printed).
/// </summary>
public static class ClvCommands
{
    public static Command Create()
    {
        var clv = new Command("clv", "Fit, apply and backtest the customer-lifetime-value models on CSV files.");
        clv.Subcommands.Add(FitCommand());
        clv.Subcommands.Add(PredictCommand());
        clv.Subcommands.Add(BacktestCommand());
        return clv;
    }

    private static Option<string> ModelOption(params string[] allowed)
    {
        var option = new Option<string>("--model") { Required = true, Description = $"Model: {string.Join(", ", allowed)}." };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }

    private static Command FitCommand()
    {
        var model = ModelOption([.. ClvTool.Models]);
        var input = new Option<string>("--input") { Required = true, Description = "Summary CSV (id, frequency, recency, T[, monetary_value][, litt]; mbgcnbd needs litt, the sum of log inter-purchase times); for sbg a survival CSV (period, alive); for bgbb a CSV frequency, recency, periods[, weights]." };
        var penalizer = new Option<double>("--penalizer") { Description = "L2 penalty on the parameters (default 0)." };
        var maxK = new Option<int>("--max-k") { Description = "mbgcnbd: largest Erlang order k tried (default 12).", DefaultValueFactory = _ => 12 };
        var command = new Command("fit", "Fit a model and print JSON: model, parameters, standardErrors, logLikelihood, converged, iterations, rows, elapsedMs, warnings (mbgcnbd: also logLikelihoodByK).");
        command.Options.Add(model);
        command.Options.Add(input);
        command.Options.Add(penalizer);
        command.Options.Add(maxK);
        command.SetAction(parse => Run(() =>
        {
            var path = parse.GetValue(input)!;
            using var reader = Open(path);
            var (fit, elapsed) = ClvTool.Fit(parse.GetValue(model)!, reader, Path.GetFileName(path), parse.GetValue(penalizer), parse.GetValue(maxK));
            Console.Out.WriteLine(ClvTool.FitJson(fit, elapsed));
            if (!fit.Converged)
            {
                Console.Error.WriteLine("The fit did not converge: " + string.Join(" ", fit.Warnings));
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command PredictCommand()
    {
        var model = ModelOption([.. ClvTool.PredictModels]);
        var parameters = new Option<string>("--parameters") { Required = true, Description = "Parameters as JSON (or a file holding it), e.g. {\"r\":0.243,\"alpha\":4.414,\"a\":0.793,\"b\":2.426,\"p\":6.25,\"q\":3.74,\"gamma\":15.44}." };
        var input = new Option<string>("--input") { Required = true, Description = "Summary CSV (id, frequency, recency, T[, monetary_value]); for bgbb a CSV frequency, recency, periods[, weights]." };
        var horizon = new Option<double>("--horizon") { Required = true, Description = "Prediction horizon in the input's time unit (bgbb: whole opportunities)." };
        var command = new Command("predict", "Print CSV id, expected_transactions, p_alive[, expected_spend], one row per input row (bgbb: frequency, recency, periods, weights, p_alive, expected_transactions per distinct history).");
        command.Options.Add(model);
        command.Options.Add(parameters);
        command.Options.Add(input);
        command.Options.Add(horizon);
        command.SetAction(parse => Run(() =>
        {
            var path = parse.GetValue(input)!;
            using var reader = Open(path);
            using var output = new StringWriter();
            ClvTool.Predict(parse.GetValue(model)!, parse.GetValue(parameters)!, reader, Path.GetFileName(path), parse.GetValue(horizon), output);
            Console.Out.Write(output.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BacktestCommand()
    {
        var input = new Option<string>("--input") { Required = true, Description = "Transactions: CSV id,date[,value] or a CDNOW-like whitespace file." };
        var calibrationEnd = new Option<string>("--calibration-end") { Required = true, Description = "Last day of the calibration window (YYYY-MM-DD)." };
        var holdoutWeeks = new Option<int>("--holdout-weeks") { Description = "Length of the holdout window in weeks (default 39).", DefaultValueFactory = _ => 39 };
        var model = new Option<string>("--model")
        {
            Description = $"{ClvTool.AllModels} (every challenger of the refit, {string.Join(", ", Champion.Models)}, and the champion; the default) or one of {string.Join(", ", Backtest.Models)}.",
            DefaultValueFactory = _ => ClvTool.AllModels,
        };
        model.AcceptOnlyFromAmong([ClvTool.AllModels, .. Backtest.Models]);
        var command = new Command("backtest", "Fit on the calibration window, predict the holdout, and print the report as JSON (every model and the champion by default).");
        command.Options.Add(input);
        command.Options.Add(calibrationEnd);
        command.Options.Add(holdoutWeeks);
        command.Options.Add(model);
        command.SetAction(parse => Run(() =>
        {
            var path = parse.GetValue(input)!;
            using var reader = Open(path);
            var watch = Stopwatch.StartNew();
            if (parse.GetValue(model) == ClvTool.AllModels)
            {
                var champion = ClvTool.ChampionBacktest(reader, Path.GetFileName(path), parse.GetValue(calibrationEnd)!, parse.GetValue(holdoutWeeks));
                Console.Out.WriteLine(ClvTool.ChampionJson(champion, watch.ElapsedMilliseconds));
                return ExitCodes.Success;
            }

            var report = ClvTool.Backtest(reader, Path.GetFileName(path), parse.GetValue(calibrationEnd)!, parse.GetValue(holdoutWeeks), parse.GetValue(model)!);
            Console.Out.WriteLine(ClvTool.BacktestJson(report, watch.ElapsedMilliseconds));
            return report.Fit.Converged ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static StreamReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ClvInputException("the file does not exist", path, null, null, null);
        }

        return new StreamReader(path);
    }

    /// <summary>Maps the outcome to the exit code: bad input is 1 with its located message; anything else failing is 2.</summary>
    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ClvInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The command boundary turns every other failure into exit code 2 with its message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"clv failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
