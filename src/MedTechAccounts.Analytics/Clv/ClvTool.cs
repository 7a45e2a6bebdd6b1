using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// The work behind the <c>medtech clv</c> commands, as plain functions over readers and
/// writers so that the command line stays a thin shell: fit a model and report JSON, predict
/// per customer as CSV, backtest as JSON. Bad input raises <see cref="ClvInputException"/>.
/// </summary>
public static class ClvTool
{
    public static IReadOnlyList<string> Models { get; } = [BgNbd.Name, MbgNbd.Name, MbgCnbd.Name, Nbd.Name, ParetoNbd.Name, GammaGamma.Name, ShiftedBetaGeometric.Name, BgBb.Name];

    /// <summary>The models <c>predict</c> applies to a summary CSV.</summary>
    public static IReadOnlyList<string> PredictModels { get; } = [BgNbd.Name, MbgNbd.Name, MbgCnbd.Name, Nbd.Name, ParetoNbd.Name, GammaGamma.Name, BgBb.Name];

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>
    /// Fits <paramref name="model"/> on a summary CSV (for mbgcnbd with a litt column; for sbg a
    /// survival CSV; for bgbb a frequency, recency, periods[, weights] CSV) and returns the fit.
    /// <paramref name="maxK"/> bounds the Erlang order the mbgcnbd fit tries.
    /// </summary>
    public static (FitResult Fit, long ElapsedMs) Fit(string model, TextReader input, string source, double penalizer = 0, int maxK = 12)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckModel(model, Models);
        if (!(penalizer >= 0) || !double.IsFinite(penalizer))
        {
            throw new ClvInputException("the penalizer must be a finite non-negative number", "--penalizer", null, null, null);
        }

        if (maxK < 1 || maxK > MbgCnbdParameters.MaxK)
        {
            throw new ClvInputException($"the largest k must be from 1 to {MbgCnbdParameters.MaxK}", "--max-k", null, null, null);
        }

        var options = new FitOptions { Penalizer = penalizer };
        if (model == BgBb.Name)
        {
            var discrete = ClvCsv.ReadDiscrete(input, source);
            var timer = Stopwatch.StartNew();
            var bgbb = BgBb.Fit(discrete, options);
            return (bgbb.Result, timer.ElapsedMilliseconds);
        }

        if (model == ShiftedBetaGeometric.Name)
        {
            var survival = ClvCsv.ReadSurvival(input, source);
            var watch = Stopwatch.StartNew();
            var fit = ShiftedBetaGeometric.Fit(survival, options);
            return (fit.Result, watch.ElapsedMilliseconds);
        }

        var table = ClvCsv.ReadSummary(input, source);
        var stopwatch = Stopwatch.StartNew();
        FitResult result = model switch
        {
            BgNbd.Name => BgNbd.Fit(FrequencyRecencyData.FromTable(table), options).Result,
            MbgNbd.Name => MbgNbd.Fit(FrequencyRecencyData.FromTable(table), options).Result,
            MbgCnbd.Name => MbgCnbd.Fit(MbgCnbdData.FromTable(table), options, maxK).Result,
            Nbd.Name => Nbd.Fit(FrequencyRecencyData.FromTable(table), options).Result,
            ParetoNbd.Name => ParetoNbd.Fit(FrequencyRecencyData.FromTable(table), options).Result,
            _ => GammaGamma.Fit(table, options).Result,
        };
        return (result, stopwatch.ElapsedMilliseconds);
    }

    /// <summary>The JSON of <c>medtech clv fit</c>.</summary>
    public static string FitJson(FitResult fit, long elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            WriteFit(json, fit);
            json.WriteNumber("elapsedMs", elapsedMs);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes <c>id,expected_transactions,p_alive[,expected_spend]</c>, one row per input row.
    /// The parameters JSON holds the model's parameters and, optionally, the Gamma-Gamma ones
    /// (<c>p, q, gamma</c>); expected spend is written when both those and a monetary column are present.
    /// With <c>--model gammagamma</c> the output is <c>id,expected_spend</c>; with <c>--model bgbb</c>
    /// the input is a discrete-history CSV and the output one row per distinct history (see <see cref="PredictDiscrete"/>).
    /// </summary>
    public static void Predict(string model, string parametersJson, TextReader input, string source, double horizon, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        CheckModel(model, PredictModels);
        if (!(horizon >= 0) || !double.IsFinite(horizon))
        {
            throw new ClvInputException("the horizon must be a finite non-negative number", "--horizon", null, null, null);
        }

        var parameters = ParseParameters(parametersJson);
        if (model == BgBb.Name)
        {
            PredictDiscrete(parameters, input, source, horizon, output);
            return;
        }

        var spend = parameters.ContainsKey("p") || parameters.ContainsKey("q") || parameters.ContainsKey("gamma")
            ? new GammaGammaParameters(Require(parameters, "p"), Require(parameters, "q"), Require(parameters, "gamma"))
            : null;
        var table = ClvCsv.ReadSummary(input, source);
        if (model == GammaGamma.Name)
        {
            if (spend is null || !table.HasMonetaryValue)
            {
                throw new ClvInputException("expected spend needs p, q, gamma in --parameters and a monetary_value column in the input", source, 1, null, "monetary_value");
            }

            output.WriteLine("id,expected_spend");
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var row = table.Rows[i];
                var value = AtLine(table, i, () => spend.ConditionalExpectedSpend(row.Frequency, row.MonetaryValue ?? 0));
                output.WriteLine($"{CsvField(row.Id)},{Number(value)}");
            }

            return;
        }

        var repeat = RepeatPurchaseModels.FromParameters(model, name => name == "k" ? RequireK(parameters) : Require(parameters, name));
        var withSpend = spend is not null && table.HasMonetaryValue;
        output.WriteLine(withSpend ? "id,expected_transactions,p_alive,expected_spend" : "id,expected_transactions,p_alive");
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var expected = repeat.ConditionalExpectedTransactions(row.Frequency, row.Recency, row.T, horizon);
            var alive = repeat.ProbabilityAlive(row.Frequency, row.Recency, row.T);
            var line = $"{CsvField(row.Id)},{Number(expected)},{Number(alive)}";
            if (withSpend)
            {
                var value = AtLine(table, i, () => spend!.ConditionalExpectedSpend(row.Frequency, row.MonetaryValue ?? 0));
                line += "," + Number(value);
            }

            output.WriteLine(line);
        }
    }

    /// <summary>Runs the calibration/holdout backtest on transactions and returns the report.</summary>
    public static BacktestReport Backtest(TextReader transactions, string source, string calibrationEnd, int holdoutWeeks = 39, string model = BgNbd.Name)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        CheckModel(model, Clv.Backtest.Models);
        var end = ParseCalibrationEnd(calibrationEnd, holdoutWeeks);
        var table = ClvCsv.ReadTransactions(transactions, source);
        return Clv.Backtest.Run(table, end, holdoutWeeks, model);
    }

    /// <summary>The <c>--model</c> of <c>medtech clv backtest</c> that fits every challenger and names the champion.</summary>
    public const string AllModels = "all";

    /// <summary>
    /// Champion by holdout on transactions, as the portfolio refit does it (<see cref="Champion.Select"/>): every model of
    /// <paramref name="models"/> (default <see cref="Champion.Models"/>) is fitted on the calibration window and scored on
    /// the holdout against the naive guess and the shrunk naive rate.
    /// </summary>
    public static ChampionReport ChampionBacktest(TextReader transactions, string source, string calibrationEnd, int holdoutWeeks = 39, IReadOnlyList<string>? models = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var model in models ?? [])
        {
            CheckModel(model, Clv.Backtest.Models);
        }

        var end = ParseCalibrationEnd(calibrationEnd, holdoutWeeks);
        var table = ClvCsv.ReadTransactions(transactions, source);
        var split = TransactionSummary.Split(table, end, end.AddDays(7 * holdoutWeeks), TimeUnit.Weeks);
        return Champion.Select(split, models);
    }

    /// <summary>
    /// The JSON of <c>medtech clv backtest --model all</c>: the champion's backtest in the fields of a one-model backtest,
    /// then <c>champion</c>, <c>beatsNaive</c>, <c>reason</c>, <c>naiveHoldoutLogScore</c>, <c>shrunk</c> and every
    /// challenger's figures in <c>challengers</c> (non-finite figures as null).
    /// </summary>
    public static string ChampionJson(ChampionReport report, long elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            WriteBacktest(json, report.Backtest);
            json.WriteString("champion", report.Champion);
            json.WriteBoolean("beatsNaive", report.BeatsNaive);
            json.WriteString("reason", report.Reason);
            Finite(json, "naiveHoldoutLogScore", report.NaiveHoldoutLogScore, 6);
            json.WriteStartObject("shrunk");
            WriteChallenger(json, report.Shrunk);
            json.WriteEndObject();
            json.WriteStartArray("challengers");
            foreach (var c in report.Challengers)
            {
                json.WriteStartObject();
                WriteChallenger(json, c);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("elapsedMs", elapsedMs);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteChallenger(Utf8JsonWriter json, ChallengerScore c)
    {
        json.WriteString("model", c.Model);
        Finite(json, "meanAbsoluteError", c.MeanAbsoluteError, 6);
        Finite(json, "predictedTransactions", c.PredictedTransactions, 4);
        Finite(json, "calibrationLogLikelihood", c.CalibrationLogLikelihood, 4);
        Finite(json, "holdoutLogScore", c.HoldoutLogScore, 6);
        Finite(json, "gainOverNaive", c.GainOverNaive, 6);
        Finite(json, "gainStandardErrors", c.GainStandardErrors, 3);
        json.WriteBoolean("eligible", c.Eligible);
        if (c.Note is null)
        {
            json.WriteNull("note");
        }
        else
        {
            json.WriteString("note", c.Note);
        }
    }

    private static void Finite(Utf8JsonWriter json, string name, double value, int digits)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, digits));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static DateOnly ParseCalibrationEnd(string calibrationEnd, int holdoutWeeks)
    {
        if (!ClvCsv.TryParseDate(calibrationEnd?.Trim() ?? string.Empty, out var end))
        {
            throw new ClvInputException($"'{calibrationEnd}' is not a date (YYYY-MM-DD)", "--calibration-end", null, null, null);
        }

        if (holdoutWeeks < 1)
        {
            throw new ClvInputException("the holdout must last at least one week", "--holdout-weeks", null, null, null);
        }

        return end;
    }

    /// <summary>The JSON of <c>medtech clv backtest</c>.</summary>
    public static string BacktestJson(BacktestReport report, long elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            WriteBacktest(json, report);
            json.WriteNumber("elapsedMs", elapsedMs);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteBacktest(Utf8JsonWriter json, BacktestReport report)
    {
        json.WriteString("model", report.Model);
        json.WriteString("calibrationEnd", report.CalibrationEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("holdoutEnd", report.HoldoutEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("timeUnit", report.Unit.ToString().ToLowerInvariant());
        json.WriteNumber("holdoutLength", report.HoldoutDuration);
        json.WriteNumber("customers", report.Customers);
        json.WriteNumber("actualTransactions", report.ActualTransactions);
        json.WriteNumber("predictedTransactions", Math.Round(report.PredictedTransactions, 4));
        json.WriteNumber("naiveTransactions", Math.Round(report.NaiveTransactions, 4));
        json.WriteNumber("meanAbsoluteError", Math.Round(report.MeanAbsoluteError, 6));
        json.WriteNumber("naiveMeanAbsoluteError", Math.Round(report.NaiveMeanAbsoluteError, 6));
        json.WriteStartArray("buckets");
        foreach (var b in report.Buckets)
        {
            json.WriteStartObject();
            json.WriteString("frequency", b.Frequency);
            json.WriteNumber("customers", b.Customers);
            json.WriteNumber("predicted", Math.Round(b.Predicted, 4));
            json.WriteNumber("actual", Math.Round(b.Actual, 4));
            json.WriteNumber("naive", Math.Round(b.Naive, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("fit");
        WriteFit(json, report.Fit);
        json.WriteEndObject();
    }

    private static void WriteFit(Utf8JsonWriter json, FitResult fit)
    {
        json.WriteString("model", fit.Model);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in fit.Parameters)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        json.WriteStartObject("standardErrors");
        foreach (var (name, value) in fit.StandardErrors)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumber(name, value);
            }
            else
            {
                json.WriteNull(name);
            }
        }

        json.WriteEndObject();
        json.WriteNumber("logLikelihood", fit.LogLikelihood);
        json.WriteBoolean("converged", fit.Converged);
        json.WriteNumber("iterations", fit.Iterations);
        json.WriteNumber("rows", fit.Rows);
        json.WriteNumber("uniqueRows", fit.UniqueRows);
        json.WriteNumber("penalizer", fit.Penalizer);
        if (fit.LogLikelihoodByK is { } byK)
        {
            json.WriteStartObject("logLikelihoodByK");
            foreach (var (k, ll) in byK)
            {
                json.WriteNumber(k.ToString(CultureInfo.InvariantCulture), ll);
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("warnings");
        foreach (var w in fit.Warnings)
        {
            json.WriteStringValue(w);
        }

        json.WriteEndArray();
        json.WriteStartArray("degeneracies");
        foreach (var d in fit.Degeneracies)
        {
            json.WriteStartObject();
            json.WriteString("kind", d.Kind);
            if (d.Parameter is null)
            {
                json.WriteNull("parameter");
            }
            else
            {
                json.WriteString("parameter", d.Parameter);
            }

            json.WriteString("message", d.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (fit.Fallback is { } fallback)
        {
            json.WriteString("fallback", fallback);
        }
    }

    private static Dictionary<string, double> ParseParameters(string parametersJson)
    {
        if (string.IsNullOrWhiteSpace(parametersJson))
        {
            throw new ClvInputException("the parameters JSON is empty", "--parameters", null, null, null);
        }

        var text = parametersJson.Trim();
        if (!text.StartsWith('{') && File.Exists(text))
        {
            text = File.ReadAllText(text);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ClvInputException($"the parameters are not valid JSON: {e.Message}", "--parameters", (int?)e.LineNumber + 1, null, null);
        }

        using (document)
        {
            var root = document.RootElement;
            // Accept the fit output too: {"parameters": {...}}.
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("parameters", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                root = nested;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ClvInputException("the parameters must be a JSON object such as {\"r\":0.243,\"alpha\":4.414,\"a\":0.793,\"b\":2.426}", "--parameters", null, null, null);
            }

            var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var v) || !double.IsFinite(v))
                {
                    throw new ClvInputException("must be a number", "--parameters", null, null, property.Name);
                }

                result[property.Name] = v;
            }

            return result;
        }
    }

    private static double Require(Dictionary<string, double> parameters, string name)
    {
        if (!parameters.TryGetValue(name, out var value))
        {
            throw new ClvInputException("is missing from the parameters", "--parameters", null, null, name);
        }

        if (!(value > 0))
        {
            throw new ClvInputException("must be positive", "--parameters", null, null, name);
        }

        return value;
    }

    /// <summary>
    /// BG/BB: reads discrete histories and writes <c>frequency,recency,periods,weights,p_alive,expected_transactions</c>
    /// for each distinct history (equal rows are grouped, their weights summed): P(alive at the
    /// next opportunity) and expected transactions in the next <paramref name="horizon"/> opportunities (a whole number).
    /// </summary>
    private static void PredictDiscrete(Dictionary<string, double> parameters, TextReader input, string source, double horizon, TextWriter output)
    {
        if (horizon != Math.Floor(horizon) || horizon > 10_000)
        {
            throw new ClvInputException("for bgbb the horizon is a whole number of opportunities (at most 10000)", "--horizon", null, null, null);
        }

        var model = new BgBbParameters(Require(parameters, "alpha"), Require(parameters, "beta"), Require(parameters, "gamma"), Require(parameters, "delta"));
        var data = ClvCsv.ReadDiscrete(input, source);
        output.WriteLine("frequency,recency,periods,weights,p_alive,expected_transactions");
        for (var i = 0; i < data.Count; i++)
        {
            var (x, tx, n) = (data.X[i], data.Tx[i], data.N[i]);
            var alive = model.ProbabilityAlive(x, tx, n);
            var expected = model.ConditionalExpectedTransactions(x, tx, n, (int)horizon);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x},{tx},{n},{Number(data.Weight[i])},{Number(alive)},{Number(expected)}"));
        }
    }

    private static int RequireK(Dictionary<string, double> parameters)
    {
        var k = Require(parameters, "k");
        if (k != Math.Floor(k) || k > MbgCnbdParameters.MaxK)
        {
            throw new ClvInputException($"must be a whole number from 1 to {MbgCnbdParameters.MaxK}", "--parameters", null, null, "k");
        }

        return (int)k;
    }

    private static double AtLine(SummaryTable table, int row, Func<double> compute)
    {
        try
        {
            return compute();
        }
        catch (ClvInputException e)
        {
            throw new ClvInputException(e.Reason, table.Source, table.Lines[row], row, e.Column);
        }
    }

    private static void CheckModel(string model, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(model))
        {
            throw new ClvInputException($"unknown model '{model}'; expected one of {string.Join(", ", allowed)}", "--model", null, null, null);
        }
    }

    private static string Number(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
