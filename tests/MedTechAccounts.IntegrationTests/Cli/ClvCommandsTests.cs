extern alias cli;

using System.CommandLine;
using System.Text.Json;
using cli::MedTechAccounts.Cli.Clv;

namespace MedTechAccounts.IntegrationTests.Cli;

/// <summary>
/// Runs `medtech clv …` through the real command tree with Console redirected.
/// Console redirection is process-wide, so these tests do not run in parallel with others.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ClvCommandsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("clv-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var root = new RootCommand("medtech");
        root.Subcommands.Add(ClvCommands.Create());
        return ConsoleCapture.RunAsync(root, args);
    }

    private const string Summary = "id,frequency,recency,T,monetary_value\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n3,0,0,38.86,0\n4,4,30,38.86,30\n5,0,0,20,0\n6,1,5,20,15\n";

    [Fact]
    public async Task Fit_prints_json_with_the_papers_parameter_names_and_exits_0()
    {
        var input = File("survival.csv", "period,alive\n0,1000\n1,631\n2,468\n3,382\n4,326\n5,289\n6,262\n7,241\n");

        var (code, output, _) = await Run("clv", "fit", "--model", "sbg", "--input", input);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("sbg", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(0.704, json.RootElement.GetProperty("parameters").GetProperty("alpha").GetDouble(), 0.001);
        foreach (var field in new[] { "logLikelihood", "converged", "iterations", "rows", "elapsedMs", "standardErrors", "warnings" })
        {
            Assert.True(json.RootElement.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Predict_prints_one_csv_row_per_input_row()
    {
        var input = File("summary.csv", Summary);

        var (code, output, _) = await Run("clv", "predict", "--model", "bgnbd", "--input", input, "--horizon", "39",
            "--parameters", "{\"r\":0.243,\"alpha\":4.414,\"a\":0.793,\"b\":2.426,\"p\":6.25,\"q\":3.74,\"gamma\":15.44}");

        Assert.Equal(0, code);
        var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,expected_transactions,p_alive,expected_spend", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("1,1.226", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_prints_the_bucket_report()
    {
        var input = File("transactions.csv", "id,date,value\na,1997-01-01,10\na,1997-03-01,12\na,1997-11-01,9\nb,1997-01-05,20\nc,1997-02-01,5\nc,1997-02-20,5\nc,1997-08-01,7\nc,1998-01-03,8\nd,1997-01-10,3\ne,1997-02-10,4\ne,1997-05-10,4\n");

        var (code, output, _) = await Run("clv", "backtest", "--input", input, "--calibration-end", "1997-09-30");

        Assert.True(code is 0 or 2, $"exit code {code}");
        using var json = JsonDocument.Parse(output);
        Assert.Equal(8, json.RootElement.GetProperty("buckets").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("actualTransactions").GetDouble());
    }

    [Fact]
    public async Task Bad_input_exits_1_naming_file_line_and_column()
    {
        var input = File("bad.csv", "id,frequency,recency,T\n1,2,40,38\n");

        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--input", input);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("bad.csv: line 2: recency:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_unknown_model_exits_1()
    {
        var missing = await Run("clv", "fit", "--model", "bgnbd", "--input", Path.Combine(folder, "nope.csv"));
        var unknown = await Run("clv", "fit", "--model", "nope", "--input", File("s.csv", Summary));

        Assert.Equal(1, missing.Code);
        Assert.Contains("nope.csv", missing.Err, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Code);
    }

    [Fact]
    public async Task Fit_of_bgbb_reproduces_the_published_donation_parameters_and_mbgcnbd_without_litt_exits_1()
    {
        var donations = File("donations.csv", "frequency,recency,periods,weights\n0,0,6,3464\n1,1,6,1091\n1,2,6,277\n1,3,6,129\n1,4,6,78\n1,5,6,119\n1,6,6,129\n2,2,6,613\n2,3,6,255\n2,4,6,155\n2,5,6,173\n2,6,6,234\n3,3,6,322\n3,4,6,181\n3,5,6,225\n3,6,6,357\n4,4,6,240\n4,5,6,284\n4,6,6,512\n5,5,6,335\n5,6,6,728\n6,6,6,1203\n");

        var (code, output, _) = await Run("clv", "fit", "--model", "bgbb", "--input", donations);
        var noLitt = await Run("clv", "fit", "--model", "mbgcnbd", "--input", File("s.csv", Summary));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var parameters = json.RootElement.GetProperty("parameters");
        Assert.Equal(1.204, parameters.GetProperty("alpha").GetDouble(), 0.01);
        Assert.Equal(0.750, parameters.GetProperty("beta").GetDouble(), 0.01);
        Assert.Equal(0.657, parameters.GetProperty("gamma").GetDouble(), 0.01);
        Assert.Equal(2.783, parameters.GetProperty("delta").GetDouble(), 0.01);
        Assert.Equal(11_104, json.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(1, noLitt.Code);
        Assert.Contains("litt", noLitt.Err, StringComparison.Ordinal);
    }
}
