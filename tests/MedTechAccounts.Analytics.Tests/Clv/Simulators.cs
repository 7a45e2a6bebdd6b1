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

/// <summary>Generative processes of the models added with the regularity-aware family, written independently of their likelihoods.</summary>
internal static class MoreSimulators
{
    private static double Age(Random random, double minT, double maxT) => minT + ((maxT - minT) * random.NextDouble());

    /// <summary>
    /// MBG/CNBD-k (k = 1 is the MBG/NBD): λ ~ Gamma(r, α), p ~ Beta(a, b); intervals ~ Gamma(shape k, rate λ);
    /// after every purchase, the first at time 0 included, drop out with probability p. Returns litt too.
    /// </summary>
    public static (double[] X, double[] Tx, double[] T, double[] Litt) MbgCnbd(int k, double r, double alpha, double a, double b, int customers, int seed, double minT = 20, double maxT = 60)
    {
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        var litt = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, r, alpha);
            var p = Beta.Sample(random, a, b);
            var age = Age(random, minT, maxT);
            double time = 0, last = 0, logs = 0;
            var count = 0;
            while (random.NextDouble() >= p)
            {
                var interval = Gamma.Sample(random, k, lambda);
                if (time + interval > age)
                {
                    break;
                }

                time += interval;
                count++;
                logs += Math.Log(interval);
                last = time;
            }

            x[i] = count;
            tx[i] = last;
            t[i] = age;
            litt[i] = logs;
        }

        return (x, tx, t, litt);
    }

    /// <summary>NBD: λ ~ Gamma(r, α), Poisson purchases over the whole window.</summary>
    public static (double[] X, double[] Tx, double[] T) Nbd(NbdParameters parameters, int customers, int seed, double minT = 20, double maxT = 60)
    {
        var random = new Random(seed);
        var x = new double[customers];
        var tx = new double[customers];
        var t = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            var lambda = Gamma.Sample(random, parameters.R, parameters.Alpha);
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
            }

            x[i] = count;
            tx[i] = last;
            t[i] = age;
        }

        return (x, tx, t);
    }

    /// <summary>BG/BB: p ~ Beta(α, β), θ ~ Beta(γ, δ); at each opportunity a living customer first dies with θ, then transacts with p.</summary>
    public static (int[] X, int[] Tx, int[] N) BgBb(BgBbParameters parameters, int customers, int periods, int seed)
    {
        var random = new Random(seed);
        var x = new int[customers];
        var tx = new int[customers];
        var n = new int[customers];
        for (var i = 0; i < customers; i++)
        {
            var p = Beta.Sample(random, parameters.Alpha, parameters.Beta);
            var theta = Beta.Sample(random, parameters.Gamma, parameters.Delta);
            for (var s = 1; s <= periods; s++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                if (random.NextDouble() < p)
                {
                    x[i]++;
                    tx[i] = s;
                }
            }

            n[i] = periods;
        }

        return (x, tx, n);
    }
}
