namespace MedTechAccounts.Analytics.Clv;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1, as the CLV models
/// need it. The plain power series has terms that first grow like (a)_n (b)_n / (c)_n n!
/// (for a heavy buyer a or b is in the hundreds) and converge slowly as z approaches 1, so
/// callers use the Euler transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z)
/// whenever it shrinks the parameters, keep the power of (1-z) in log space, and sum the
/// transformed series here, stopping on a bound of the remaining tail.
/// </summary>
public static class Hypergeometric
{
    private const int MaxTerms = 200_000;

    /// <summary>2F1(a, b; c; z), choosing the Euler-transformed series when it is better behaved.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        var (logFactor, series) = Hyp2F1Parts(a, b, c, z);
        return Math.Exp(logFactor) * series;
    }

    /// <summary>
    /// 2F1(a, b; c; z) as exp(logFactor) * series, so that a caller can combine the power of
    /// (1 - z) with other factors in log space.
    /// </summary>
    public static (double LogFactor, double Series) Hyp2F1Parts(double a, double b, double c, double z)
    {
        ValidateZ(z);
        if (z == 0)
        {
            return (0, 1);
        }

        // Growth of the leading terms is governed by a + b - c: Euler's form has c - a - b instead,
        // and parameters c - a, c - b which are small when a, b are close to c (heavy buyers).
        var direct = Math.Abs(a) + Math.Abs(b);
        var euler = Math.Abs(c - a) + Math.Abs(c - b);
        if (euler < direct)
        {
            return ((c - a - b) * LogMath.Log1P(-z), Series(c - a, c - b, c, z));
        }

        return (0, Series(a, b, c, z));
    }

    /// <summary>The power series sum_n (a)_n (b)_n / ((c)_n n!) z^n for 0 &lt;= z &lt; 1.</summary>
    public static double Series(double a, double b, double c, double z)
    {
        ValidateZ(z);
        var sum = 1.0;
        var term = 1.0;
        for (var n = 0; n < MaxTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0)
            {
                break;
            }

            // Once the ratio of successive terms is below 1 and no longer increasing much, the
            // tail is bounded by a geometric series with ratio max(|ratio|, z).
            if (n > 0 && Math.Abs(ratio) < 1)
            {
                var rho = Math.Max(Math.Abs(ratio), z);
                var tail = Math.Abs(term) * rho / (1 - rho);
                if (tail <= 1e-16 * Math.Abs(sum))
                {
                    break;
                }
            }
        }

        return sum;
    }

    private static void ValidateZ(double z)
    {
        if (!(z >= 0 && z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is evaluated here for 0 <= z < 1 only.");
        }
    }
}
