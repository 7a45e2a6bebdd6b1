using System.Globalization;
using System.Text;
using System.Text.Json;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>What the million-customer paths do: continuous-time rows kept ungrouped, k chosen on a sample, the streaming reader.</summary>
public sealed class ScaleTests
{
    private const int Many = (4 * FrequencyRecencyData.GroupingProbe) + 1_000;

    [Fact]
    public void Continuous_time_rows_are_kept_ungrouped_and_the_summed_likelihood_is_the_sum_of_the_customers()
    {
        var (x, tx, t) = Simulators.BgNbd(new BgNbdParameters(0.5, 6, 0.8, 2.5), Many, seed: 5);
        var data = FrequencyRecencyData.FromArrays(x, tx, t);
        var bg = new BgNbdParameters(0.6, 5, 0.9, 2.2);
        var mbg = new MbgNbdParameters(0.6, 5, 0.9, 2.2);
        var nbd = new NbdParameters(0.6, 5);
        double bgSum = 0, mbgSum = 0, nbdSum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            bgSum += bg.LogLikelihood(x[i], tx[i], t[i]);
            mbgSum += mbg.LogLikelihood(x[i], tx[i], t[i]);
            nbdSum += nbd.LogLikelihood(x[i], tx[i], t[i]);
        }

        Assert.False(data.Grouped);
        Assert.Equal(Many, data.Count);
        Assert.Equal(bgSum, BgNbd.LogLikelihood(bg, data), 1e-9 * Math.Abs(bgSum));
        Assert.Equal(mbgSum, MbgNbd.LogLikelihood(mbg, data), 1e-9 * Math.Abs(mbgSum));
        Assert.Equal(nbdSum, Nbd.LogLikelihood(nbd, data), 1e-9 * Math.Abs(nbdSum));
    }

    [Fact]
    public void Rows_that_repeat_are_still_grouped()
    {
        var (x, tx, t) = Simulators.BgNbd(new BgNbdParameters(0.5, 6, 0.8, 2.5), Many, seed: 6);
        var days = (Func<double, double>)(v => Math.Floor(v * 7) / 7);
        var data = FrequencyRecencyData.FromArrays(x, tx.Select(days).ToArray(), t.Select(v => Math.Ceiling(v)).ToArray());

        Assert.True(data.Grouped);
        Assert.True(data.Count < Many / 2);
        Assert.Equal(Many, data.TotalWeight);
    }

    [Fact]
    public void Ungrouped_fit_recovers_the_simulated_parameters()
    {
        var truth = new BgNbdParameters(0.5, 6, 0.8, 2.5);
        var (x, tx, t) = Simulators.BgNbd(truth, Many, seed: 7);
        var fit = BgNbd.Fit(FrequencyRecencyData.FromArrays(x, tx, t));

        Assert.True(fit.Result.Converged, string.Join(" ", fit.Result.Warnings));
        Assert.Equal(Many, fit.Result.UniqueRows);
        Assert.Equal(truth.R, fit.Parameters.R, 4 * fit.Result.StandardErrors["r"]);
        Assert.Equal(truth.Alpha, fit.Parameters.Alpha, 4 * fit.Result.StandardErrors["alpha"]);
        Assert.Equal(truth.A, fit.Parameters.A, 4 * fit.Result.StandardErrors["a"]);
        Assert.Equal(truth.B, fit.Parameters.B, 4 * fit.Result.StandardErrors["b"]);
    }

    [Fact]
    public void Above_the_k_search_size_k_is_chosen_on_a_sample_and_the_rest_fitted_on_every_row()
    {
        var (x, tx, t, litt) = MoreSimulators.MbgCnbd(3, 1.5, 4, 0.6, 3, MbgCnbd.KSearchRows + 10_000, seed: 8);
        var fit = MbgCnbd.Fit(MbgCnbdData.FromArrays(x, tx, t, litt), maxK: 5);

        Assert.Equal(3, fit.Parameters.K);
        Assert.True(fit.Result.Converged);
        Assert.Equal(MbgCnbd.KSearchRows + 10_000, fit.Result.UniqueRows);
        Assert.Contains(fit.Result.Warnings, w => w.Contains("systematic sample", StringComparison.Ordinal));
        Assert.Equal(1.5, fit.Parameters.R, 4 * fit.Result.StandardErrors["r"]);
        Assert.Equal(4, fit.Parameters.Alpha, 4 * fit.Result.StandardErrors["alpha"]);
        Assert.Equal(0.6, fit.Parameters.A, 4 * fit.Result.StandardErrors["a"]);
        Assert.Equal(3, fit.Parameters.B, 4 * fit.Result.StandardErrors["b"]);
    }

    [Fact]
    public void The_streaming_reader_reads_what_the_summary_reader_reads()
    {
        var csv = new StringBuilder("\uFEFFid,frequency,recency,T,litt,note\r\n");
        var random = new Random(3);
        for (var i = 0; i < 40_000; i++)
        {
            var x = random.Next(5);
            var tx = x == 0 ? 0 : Math.Round(random.NextDouble() * 30, 6);
            var litt = x == 0 ? 0 : Math.Round(x * Math.Log(Math.Max(tx, 1e-3) / x) - random.NextDouble(), 6);
            var note = i % 7 == 0 ? "\"a, \"\"quoted\"\"\nnote\"" : "plain";
            csv.Append(CultureInfo.InvariantCulture, $"\"c{i}\",{x},{tx},{Math.Round(30 + random.NextDouble() * 10, 6)},{litt},{note}\r\n");
        }

        csv.Append("\"last\",1,2.5,3.5,0.9,end"); // no line break at the end
        var text = csv.ToString();
        var expected = ClvCsv.ReadSummary(new StringReader(text.TrimStart('\uFEFF')), "s.csv");
        var columns = SummaryColumnsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "s.csv");

        Assert.Equal(expected.Rows.Count, columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            Assert.Equal(expected.Rows[i].Frequency, columns.X[i]);
            Assert.Equal(expected.Rows[i].Recency, columns.Tx[i]);
            Assert.Equal(expected.Rows[i].T, columns.T[i]);
            Assert.Equal(expected.Rows[i].SumLogIntervals, columns.SumLogIntervals![i]);
        }
    }

    [Theory]
    [InlineData("id,frequency,recency,T\n1,2,30,38\n2,x,1,38\n", 3, "frequency", "'x' is not a number")]
    [InlineData("id,frequency,recency,T\n1,2,40,38\n", 2, "recency", "greater than T")]
    [InlineData("id,frequency,recency,T\n1,2,30\n", 2, null, "expected 4 fields")]
    [InlineData("id,frequency,T\n1,2,30\n", 1, "recency (or t_x)", "missing column")]
    [InlineData("id,frequency,recency,T\n1,2,\"30,38\n", 2, null, "not closed")]
    public void The_streaming_reader_names_the_line_and_column_of_bad_input(string text, int line, string? column, string reason)
    {
        var e = Assert.Throws<ClvInputException>(() => SummaryColumnsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "bad.csv"));

        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [ClvDataFact]
    public void Backtest_of_every_model_names_the_champion_and_lists_each_challenger()
    {
        using var reader = new StreamReader(SharedData.Path("CDNOW_sample.txt"));
        var report = ClvTool.ChampionBacktest(reader, "CDNOW_sample.txt", "1997-09-30");

        using var json = JsonDocument.Parse(ClvTool.ChampionJson(report, 1));
        var root = json.RootElement;
        var challengers = root.GetProperty("challengers").EnumerateArray().ToDictionary(c => c.GetProperty("model").GetString()!);

        Assert.Equal("mbgnbd", root.GetProperty("champion").GetString());
        Assert.Equal("mbgnbd", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("beatsNaive").GetBoolean());
        Assert.Equal(["bgnbd", "mbgnbd", "mbgcnbd", "nbd"], challengers.Keys);
        Assert.Equal(0.785, challengers["bgnbd"].GetProperty("meanAbsoluteError").GetDouble(), 0.001);
        Assert.Equal(0.765, challengers["mbgnbd"].GetProperty("meanAbsoluteError").GetDouble(), 0.001);
        Assert.Equal(1.041, challengers["nbd"].GetProperty("meanAbsoluteError").GetDouble(), 0.001);
        Assert.Equal(1.0237, root.GetProperty("naiveMeanAbsoluteError").GetDouble(), 0.001);
        Assert.Equal("naive", root.GetProperty("shrunk").GetProperty("model").GetString());
        Assert.Equal(8, root.GetProperty("buckets").GetArrayLength());
        Assert.Contains("mbgnbd has the lowest holdout error", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
