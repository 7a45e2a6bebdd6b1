using System.Globalization;
using System.Text.Json;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>The functions behind <c>medtech clv fit | predict | backtest</c>.</summary>
public sealed class ClvToolTests
{
    private const string Summary = "id,frequency,recency,T,monetary_value\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n3,0,0,38.86,0\n";

    [ClvDataFact]
    public void Fit_json_names_parameters_as_in_the_papers_and_reports_the_fit()
    {
        using var reader = new StreamReader(SharedData.Path("cdnow_customers_summary.csv"));
        var (fit, elapsed) = ClvTool.Fit("bgnbd", reader, "cdnow_customers_summary.csv");

        using var json = JsonDocument.Parse(ClvTool.FitJson(fit, elapsed));
        var root = json.RootElement;

        Assert.Equal("bgnbd", root.GetProperty("model").GetString());
        Assert.Equal(["r", "alpha", "a", "b"], root.GetProperty("parameters").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.243, root.GetProperty("parameters").GetProperty("r").GetDouble(), 0.0025);
        Assert.Equal(-9582.4, root.GetProperty("logLikelihood").GetDouble(), 0.1);
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(2357, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
        Assert.True(root.GetProperty("elapsedMs").GetInt64() >= 0);
        Assert.Equal(4, root.GetProperty("standardErrors").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Theory]
    [InlineData("paretonbd", new[] { "r", "alpha", "s", "beta" })]
    [InlineData("gammagamma", new[] { "p", "q", "gamma" })]
    public void Fit_takes_every_summary_model(string model, string[] names)
    {
        var (x, tx, t) = Simulators.ParetoNbd(new ParetoNbdParameters(0.7, 8, 0.8, 15), 600, seed: 31);
        var (spendX, m) = Simulators.GammaGamma(new GammaGammaParameters(4, 3, 20), 600, seed: 32);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        csv.WriteLine("id,frequency,recency,T,monetary_value");
        for (var i = 0; i < x.Length; i++)
        {
            // Each spend mean goes with the purchase count it was drawn for (see the test below for what a mismatch gives).
            csv.WriteLine(model == "gammagamma"
                ? string.Create(CultureInfo.InvariantCulture, $"{i},{spendX[i]},{t[i] / 2},{t[i]},{m[i]}")
                : string.Create(CultureInfo.InvariantCulture, $"{i},{x[i]},{tx[i]},{t[i]},{(x[i] > 0 ? m[i] : 0)}"));
        }

        var (fit, _) = ClvTool.Fit(model, new StringReader(csv.ToString()), "sim.csv");

        Assert.Equal(names, fit.Parameters.Keys);
        Assert.True(fit.Converged);
    }

    [Fact]
    public void Spend_means_paired_with_the_wrong_purchase_counts_give_a_fit_named_degenerate_within_the_bound()
    {
        var (x, _, _) = Simulators.ParetoNbd(new ParetoNbdParameters(0.7, 8, 0.8, 15), 600, seed: 31);
        var (_, m) = Simulators.GammaGamma(new GammaGammaParameters(4, 3, 20), 600, seed: 32);
        var repeat = Enumerable.Range(0, x.Length).Where(i => x[i] > 0).ToArray();

        var fit = GammaGamma.Fit(repeat.Select(i => x[i]).ToArray(), repeat.Select(i => m[i]).ToArray());

        // The likelihood rises without end as p grows (values of one customer all alike): p stops at the bound and says so.
        Assert.Contains(fit.Result.Degeneracies, d => d.Kind == FitDegeneracy.ParameterAtBound && d.Parameter == "p");
        Assert.All(fit.Result.Parameters.Values, v => Assert.True(v <= FitOptions.ParameterUpperBound));
    }

    [Fact]
    public void Fit_of_sbg_reads_a_survival_file()
    {
        var (fit, _) = ClvTool.Fit("sbg", new StringReader("period,alive\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n"), "s.csv");

        Assert.Equal(0.704, fit.Parameters["alpha"], 0.001);
        Assert.Equal(1.182, fit.Parameters["beta"], 0.001);
    }

    [Fact]
    public void Fit_on_bad_input_names_file_line_and_column()
    {
        var e = Assert.Throws<ClvInputException>(() => ClvTool.Fit("bgnbd", new StringReader("id,frequency,recency,T\n1,2,40,38\n"), "bad.csv"));

        Assert.Equal("bad.csv: line 2: recency: recency 40 is greater than T 38", e.Message);
        Assert.Throws<ClvInputException>(() => ClvTool.Fit("nope", new StringReader(Summary), "s.csv"));
        Assert.Throws<ClvInputException>(() => ClvTool.Fit("bgnbd", new StringReader(Summary), "s.csv", penalizer: -1));
    }

    [Fact]
    public void Predict_writes_one_csv_row_per_input_row_with_spend_when_given()
    {
        var output = new StringWriter();

        ClvTool.Predict("bgnbd", "{\"r\":0.243,\"alpha\":4.414,\"a\":0.793,\"b\":2.426,\"p\":6.25,\"q\":3.74,\"gamma\":15.44}", new StringReader(Summary), "s.csv", 39, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id,expected_transactions,p_alive,expected_spend", lines[0]);
        Assert.Equal(4, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("1", first[0]);
        Assert.Equal(1.226, double.Parse(first[1], CultureInfo.InvariantCulture), 0.001);
        Assert.Equal("1", lines[3].Split(',')[2]);
        Assert.Equal(new GammaGammaParameters(6.25, 3.74, 15.44).ConditionalExpectedSpend(2, 22.35), double.Parse(first[3], CultureInfo.InvariantCulture), 1e-6);
    }

    [Fact]
    public void Predict_without_spend_parameters_leaves_out_expected_spend_and_accepts_fit_output()
    {
        var output = new StringWriter();

        ClvTool.Predict("paretonbd", "{\"model\":\"paretonbd\",\"parameters\":{\"r\":0.553,\"alpha\":10.58,\"s\":0.606,\"beta\":11.67}}", new StringReader(Summary), "s.csv", 39, output);

        Assert.StartsWith("id,expected_transactions,p_alive\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_reports_missing_or_malformed_parameters()
    {
        var missing = Assert.Throws<ClvInputException>(() => ClvTool.Predict("bgnbd", "{\"r\":1,\"alpha\":1,\"a\":1}", new StringReader(Summary), "s.csv", 39, new StringWriter()));
        var malformed = Assert.Throws<ClvInputException>(() => ClvTool.Predict("bgnbd", "{\"r\":1,", new StringReader(Summary), "s.csv", 39, new StringWriter()));

        Assert.Equal("b", missing.Column);
        Assert.Equal("--parameters", missing.InputName);
        Assert.Contains("not valid JSON", malformed.Message, StringComparison.Ordinal);
    }

    [ClvDataFact]
    public void Backtest_json_carries_the_bucket_table_and_both_errors()
    {
        using var reader = new StreamReader(SharedData.Path("CDNOW_sample.txt"));
        var report = ClvTool.Backtest(reader, "CDNOW_sample.txt", "1997-09-30");

        using var json = JsonDocument.Parse(ClvTool.BacktestJson(report, 1));
        var root = json.RootElement;
        var buckets = root.GetProperty("buckets").EnumerateArray().ToArray();

        Assert.Equal(8, buckets.Length);
        Assert.Equal(0.2251, buckets[0].GetProperty("predicted").GetDouble(), 0.001);
        Assert.Equal(1882, root.GetProperty("actualTransactions").GetDouble());
        Assert.True(root.GetProperty("meanAbsoluteError").GetDouble() < root.GetProperty("naiveMeanAbsoluteError").GetDouble());
        Assert.Equal("1998-06-30", root.GetProperty("holdoutEnd").GetString());
    }

    [Fact]
    public void Backtest_rejects_a_bad_date()
    {
        var e = Assert.Throws<ClvInputException>(() => ClvTool.Backtest(new StringReader("id,date\n1,2024-01-01\n"), "t.csv", "30/09/1997"));

        Assert.Equal("--calibration-end", e.InputName);
    }

    [Fact]
    public void Fit_of_mbgcnbd_reads_litt_and_reports_k_and_the_likelihood_of_every_k()
    {
        var (x, tx, t, litt) = MoreSimulators.MbgCnbd(3, 2, 4, 0.8, 4, 3_000, seed: 33);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        csv.WriteLine("id,frequency,recency,T,litt");
        for (var i = 0; i < x.Length; i++)
        {
            csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},{x[i]},{tx[i]:R},{t[i]:R},{litt[i]:R}"));
        }

        var (fit, elapsed) = ClvTool.Fit("mbgcnbd", new StringReader(csv.ToString()), "sim.csv", maxK: 6);
        using var json = JsonDocument.Parse(ClvTool.FitJson(fit, elapsed));
        var root = json.RootElement;

        Assert.Equal("mbgcnbd", root.GetProperty("model").GetString());
        Assert.Equal(["k", "r", "alpha", "a", "b"], root.GetProperty("parameters").EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("parameters").GetProperty("k").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("standardErrors").GetProperty("k").ValueKind);
        Assert.True(root.GetProperty("logLikelihoodByK").GetProperty("3").GetDouble() > root.GetProperty("logLikelihoodByK").GetProperty("1").GetDouble());
    }

    [Fact]
    public void Fit_of_mbgcnbd_without_a_litt_column_names_the_column()
    {
        var e = Assert.Throws<ClvInputException>(() => ClvTool.Fit("mbgcnbd", new StringReader(Summary), "s.csv"));

        Assert.Equal("litt", e.Column);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Fit_of_bgbb_reads_the_compressed_donations_file()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Clv", "Data", "donations.csv"));
        var (fit, _) = ClvTool.Fit("bgbb", reader, "donations.csv");

        Assert.Equal(["alpha", "beta", "gamma", "delta"], fit.Parameters.Keys);
        Assert.Equal(1.204, fit.Parameters["alpha"], 0.01);
        Assert.Equal(11_104, fit.Rows);
    }

    [Theory]
    [InlineData("mbgnbd", "{\"r\":0.525,\"alpha\":6.183,\"a\":0.891,\"b\":1.614}")]
    [InlineData("mbgcnbd", "{\"k\":2,\"r\":0.525,\"alpha\":6.183,\"a\":0.891,\"b\":1.614}")]
    [InlineData("nbd", "{\"r\":0.385,\"alpha\":12.07}")]
    public void Predict_takes_the_new_transaction_models(string model, string parameters)
    {
        var output = new StringWriter();

        ClvTool.Predict(model, parameters, new StringReader(Summary), "s.csv", 39, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("id,expected_transactions,p_alive", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public void Predict_of_mbgcnbd_refuses_a_fractional_k()
    {
        var e = Assert.Throws<ClvInputException>(() => ClvTool.Predict("mbgcnbd", "{\"k\":2.5,\"r\":1,\"alpha\":1,\"a\":1,\"b\":1}", new StringReader(Summary), "s.csv", 39, new StringWriter()));

        Assert.Equal("k", e.Column);
    }

    [Fact]
    public void Fit_json_names_the_degeneracies_and_the_fallback()
    {
        var survival = "period,alive\n" + string.Join("\n", Enumerable.Range(0, 8).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t},{Math.Round(1000 * Math.Pow(0.61, t))}"))) + "\n";

        var (fit, elapsed) = ClvTool.Fit("sbg", new StringReader(survival), "s.csv");
        using var json = JsonDocument.Parse(ClvTool.FitJson(fit, elapsed));
        var root = json.RootElement;

        Assert.Equal("geometric", root.GetProperty("fallback").GetString());
        Assert.True(root.GetProperty("degeneracies").GetArrayLength() > 0);
        Assert.All(root.GetProperty("degeneracies").EnumerateArray(), d => Assert.False(string.IsNullOrEmpty(d.GetProperty("kind").GetString())));
        Assert.All(root.GetProperty("parameters").EnumerateObject(), p => Assert.True(p.Value.GetDouble() <= FitOptions.ParameterUpperBound));
    }

    [Fact]
    public void Predict_of_bgbb_gives_P_alive_and_expected_donations_per_history()
    {
        var output = new StringWriter();
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Clv", "Data", "donations.csv"));

        ClvTool.Predict("bgbb", "{\"alpha\":1.204,\"beta\":0.750,\"gamma\":0.657,\"delta\":2.783}", reader, "donations.csv", 5, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("frequency,recency,periods,weights,p_alive,expected_transactions", lines[0]);
        Assert.Equal(23, lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(0.11, rows.Single(r => r[0] == 0)[4], 0.005);
        Assert.Equal(12_884, rows.Sum(r => r[3] * r[5]), 2.0);
        Assert.Throws<ClvInputException>(() => ClvTool.Predict("bgbb", "{\"alpha\":1,\"beta\":1,\"gamma\":1,\"delta\":1}", new StringReader("frequency,recency,periods\n1,1,6\n"), "d.csv", 2.5, new StringWriter()));
    }
}
