using MathNet.Numerics.Distributions;
using MedTechAccounts.Analytics.Clv;

namespace MedTechAccounts.Analytics.Tests.Clv;

/// <summary>Generative processes of the models, written independently of the library's likelihoods.</summary>
internal static class Simulators
{
    /// <summary>Observation lengths T spread evenly over [minT, maxT], as for customers acquired over a period.</summary>
    private static double Age(Random random, double minT, double maxT) => minT + ((maxT - minT) * random.NextDouble());

    /// <summary>BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases; after each repeat purchase drop out with probability p.</summary>
    public static (double[] X, double[] Tx, double[] T) BgNbd(BgNbdParameters parameters, int customers, int seed, double minT = 20, double maxT = 60)
    {
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, parameters.R, parameters.Alpha);
            var p = Beta.Sample(random, parameters.A, parameters.B);
            var age = Age(random, minT, maxT);
            double time = 0, last = 0;
            var count = 0;
            while (true)
            {
                time += Exponential.Sample(random, lambda);
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
            tx[i] = last;
            t[i] = age;
        }

        return (x, tx, t);
    }

    /// <summary>Pareto/NBD: λ ~ Gamma(r, α), μ ~ Gamma(s, β); lifetime ~ Exp(μ); Poisson purchases while alive.</summary>
    public static (double[] X, double[] Tx, double[] T) ParetoNbd(ParetoNbdParameters parameters, int customers, int seed, double minT = 20, double maxT = 60)
    {
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, parameters.R, parameters.Alpha);
            var mu = Gamma.Sample(random, parameters.S, parameters.Beta);
            var age = Age(random, minT, maxT);
            var end = Math.Min(age, Exponential.Sample(random, mu));
            double time = 0, last = 0;
            var count = 0;
            while (true)
            {
                time += Exponential.Sample(random, lambda);
                if (time > end)
                {
                    break;
                }

                count++;
                last = time;
            }

            x[i] = count;
            tx[i] = last;
            t[i] = age;
        }

        return (x, tx, t);
    }

    /// <summary>Gamma-Gamma: ν ~ Gamma(q, γ); each of x transactions ~ Gamma(p, ν); returns x and the mean.</summary>
    public static (double[] X, double[] Mean) GammaGamma(GammaGammaParameters parameters, int customers, int seed)
    {
        var random = new Random(seed);
        var x = new double[customers];
        var m = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var nu = Gamma.Sample(random, parameters.Q, parameters.Gamma);
            var n = 1 + random.Next(10);
            var sum = 0.0;
            for (var j = 0; j < n; j++)
            {
                sum += Gamma.Sample(random, parameters.P, nu);
            }

            x[i] = n;
            m[i] = sum / n;
        }

        return (x, m);
    }

    /// <summary>sBG: θ ~ Beta(α, β) per customer; each period ends in churn with probability θ. Returns alive[0..periods].</summary>
    public static double[] ShiftedBetaGeometric(ShiftedBetaGeometricParameters parameters, int cohort, int periods, int seed)
    {
        var random = new Random(seed);
        var alive = new double[periods + 1];
        for (var i = 0; i < cohort; i++)
        {
            var theta = Beta.Sample(random, parameters.Alpha, parameters.Beta);
            alive[0]++;
            for (var t = 1; t <= periods; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                alive[t]++;
            }
        }

        return alive;
    }
}
