using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;

namespace MedTechAccounts.Benchmarks;

/// <summary>
/// Continuous-time histories (x, t_x, T in weeks, not rounded to days, so almost no two rows repeat) and each
/// history's sum of log inter-purchase times, simulated from a seeded MBG/CNBD-k process: Erlang-k intervals of
/// rate λ ~ Gamma(r, α), dropout with probability p ~ Beta(a, b) after every purchase (the first included),
/// customers acquired at a uniformly random moment of the last year.
/// </summary>
public sealed record ContinuousCustomers(double[] X, double[] Tx, double[] T, double[] SumLogIntervals)
{
    public static ContinuousCustomers Create(int customers, int seed, int k = 2)
    {
        const double r = 0.9, alpha = 6, a = 0.8, b = 2.5;
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        var litt = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, r, alpha);
            var p = Beta.Sample(random, a, b);
            var age = 52 * random.NextDouble();
            double time = 0, last = 0, logs = 0;
            var count = 0;
            while (random.NextDouble() >= p)
            {
                var gap = 0.0;
                for (var j = 0; j < k; j++)
                {
                    gap += -Math.Log(1 - random.NextDouble()) / lambda;
                }

                time += gap;
                if (time > age)
                {
                    break;
                }

                count++;
                last = time;
                logs += Math.Log(gap);
            }

            x[i] = count;
            tx[i] = last;
            t[i] = age;
            litt[i] = logs;
        }

        return new ContinuousCustomers(x, tx, t, litt);
    }

    /// <summary>Writes the summary CSV <c>id,frequency,recency,T,litt</c> (round-trip doubles).</summary>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,frequency,recency,T,litt\n");
        var line = new StringBuilder();
        for (var i = 0; i < X.Length; i++)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{i + 1},{X[i]},{Tx[i]:R},{T[i]:R},{SumLogIntervals[i]:R}\n");
            writer.Write(line);
        }
    }
}
