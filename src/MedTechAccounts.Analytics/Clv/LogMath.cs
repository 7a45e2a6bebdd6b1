namespace MedTechAccounts.Analytics.Clv;

/// <summary>Small log-space helpers.</summary>
internal static class LogMath
{
    /// <summary>log(1 + x), accurate for small x (Goldberg's correction; the runtime's LogP1 is log(1 + x)).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        return double.IsPositiveInfinity(u) ? Math.Log(x) : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for small x (Kahan's correction).</summary>
    public static double ExpM1(double x)
    {
        if (x > 700)
        {
            return Math.Exp(x);
        }

        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>log(e^a + e^b) without overflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + Log1P(Math.Exp(b - a)) : b + Log1P(Math.Exp(a - b));
    }

    /// <summary>log(1 - e^a) for a &lt;= 0, accurate near both ends.</summary>
    public static double Log1MinusExp(double a)
    {
        if (a > 0)
        {
            return double.NaN;
        }

        return a > -0.6931471805599453 ? Math.Log(-ExpM1(a)) : Log1P(-Math.Exp(a));
    }

    /// <summary>1 / (1 + e^z) computed without overflow.</summary>
    public static double InverseOnePlusExp(double z) =>
        z > 0 ? Math.Exp(-z) / (1 + Math.Exp(-z)) : 1 / (1 + Math.Exp(z));

    /// <summary>(1 - e^(-k L)) / k, continuous at k = 0 (value L).</summary>
    public static double OneMinusExpOver(double k, double l)
    {
        var u = k * l;
        return Math.Abs(u) < 1e-12 ? l : -ExpM1(-u) / k;
    }
}
