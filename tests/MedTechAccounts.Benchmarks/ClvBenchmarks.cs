using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using MathNet.Numerics.Distributions;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Benchmarks;

/// <summary>A short job (1 launch, 1 warm-up, 5 iterations), in process, with allocations measured.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);
    }
}

/// <summary>x, t_x, T (weeks, counted in whole days as a database would) of simulated BG/NBD customers.</summary>
public sealed record SimulatedCustomers(double[] X, double[] Tx, double[] T)
{
    public static SimulatedCustomers Create(int customers, int seed)
    {
        // Parameters close to the CDNOW estimates; customers acquired evenly over one year.
        const double r = 0.25, alpha = 4.4, a = 0.8, b = 2.4;
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, r, alpha);
            var p = Beta.Sample(random, a, b);
            var ageDays = 1 + random.Next(365);
            var age = ageDays / 7.0;
            double time = 0, last = 0;
            var count = 0;
            while (true)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time > age)
                {
                    break;
                }

                count++;
                last = time;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            x[i] = count;
            tx[i] = Math.Floor(last * 7) / 7;
            t[i] = age;
        }

        return new SimulatedCustomers(x, tx, t);
    }
}

[Config(typeof(BenchmarkConfig))]
public class ClvBenchmarks
{
    private SummaryTable cdnow = null!;
    private SimulatedCustomers million = null!;
    private BgNbdParameters parameters = null!;
    private double[] expected = null!;
    private double[] alive = null!;

    private ContinuousCustomers continuous = null!;
    private MbgCnbdParameters regular = null!;
    private double[] horizons = null!;
    private double[] path = null!;

    [GlobalSetup]
    public void Setup()
    {
        cdnow = ClvCsv.ReadSummary(DataFile("cdnow_customers_summary_with_transactions.csv"));
        million = SimulatedCustomers.Create(1_000_000, seed: 42);
        continuous = ContinuousCustomers.Create(1_000_000, seed: 42);
        regular = new MbgCnbdParameters(3, 7.085, 21.80, 0.0296, 1.940);
        horizons = Enumerable.Range(1, 260).Select(w => (double)w).ToArray();
        path = new double[horizons.Length];
        parameters = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        expected = new double[million.X.Length];
        alive = new double[million.X.Length];
    }

    /// <summary>BG/NBD and Gamma-Gamma on the 2,357 CDNOW customers (grouping included).</summary>
    [Benchmark]
    public double FitBgNbdAndGammaGammaCdnow()
    {
        var bg = BgNbd.Fit(FrequencyRecencyData.FromTable(cdnow));
        var gg = GammaGamma.Fit(cdnow);
        return bg.Result.LogLikelihood + gg.Result.LogLikelihood;
    }

    /// <summary>BG/NBD on 1,000,000 simulated customers, grouping to distinct rows included.</summary>
    [Benchmark]
    public double FitBgNbdMillion() => FitMillion(million).Result.LogLikelihood;

    /// <summary>BG/NBD on 1,000,000 continuous-time histories (no two rows alike, so nothing to group).</summary>
    [Benchmark]
    public double FitBgNbdMillionContinuous() => FitContinuous(continuous, BgNbd.Name).LogLikelihood;

    /// <summary>MBG/NBD on the same 1,000,000 continuous-time histories.</summary>
    [Benchmark]
    public double FitMbgNbdMillionContinuous() => FitContinuous(continuous, MbgNbd.Name).LogLikelihood;

    /// <summary>MBG/CNBD-k (k chosen on a 200,000-row sample) on the same histories with their interval sums.</summary>
    [Benchmark]
    public double FitMbgCnbdMillionContinuous() => FitContinuous(continuous, MbgCnbd.Name).LogLikelihood;

    /// <summary>
    /// The CLV's 260 weekly expectations of MBG/CNBD-k (the large profile's champion, k = 3) for 10,000 accounts
    /// of the continuous set: what a full rescore asks of the model.
    /// </summary>
    [Benchmark]
    public double ClvPathsTenThousandMbgCnbd()
    {
        var sum = 0.0;
        for (var i = 0; i < 10_000; i++)
        {
            regular.ConditionalExpectedTransactions(continuous.X[i], continuous.Tx[i], continuous.T[i], horizons, path);
            sum += path[^1];
        }

        return sum;
    }

    /// <summary>E[Y(39) | x, t_x, T] and P(alive) for 1,000,000 customers.</summary>
    [Benchmark]
    public double PredictMillion()
    {
        BatchPrediction.Predict(parameters, million.X, million.Tx, million.T, 39, expected, alive);
        return expected[0] + alive[^1];
    }

    public static ModelFit<BgNbdParameters> FitMillion(SimulatedCustomers data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return BgNbd.Fit(FrequencyRecencyData.FromArrays(data.X, data.Tx, data.T));
    }

    /// <summary>Fits one model on continuous-time histories, building the model's data (grouping check included).</summary>
    public static FitResult FitContinuous(ContinuousCustomers data, string model)
    {
        ArgumentNullException.ThrowIfNull(data);
        return FitColumns(new SummaryColumns(data.X, data.Tx, data.T, data.SumLogIntervals), model);
    }

    public static FitResult FitColumns(SummaryColumns columns, string model)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return model switch
        {
            BgNbd.Name => BgNbd.Fit(columns.ToFrequencyRecency()).Result,
            MbgNbd.Name => MbgNbd.Fit(columns.ToFrequencyRecency()).Result,
            MbgCnbd.Name => MbgCnbd.Fit(columns.ToMbgCnbd()).Result,
            _ => throw new ArgumentException($"bgnbd, mbgnbd or mbgcnbd, not '{model}'", nameof(model)),
        };
    }

    private static string DataFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "clv", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found in shared/data/clv next to the repository.");
    }
}
