namespace MedTechAccounts.Analytics.Clv;

/// <summary>Objective for minimisation: returns f(u) and writes ∇f(u) into <paramref name="gradient"/>.</summary>
internal delegate double GradientObjective(double[] u, double[] gradient);

internal sealed record OptimizerResult(double[] Point, double Value, double[] Gradient, int Iterations, int Evaluations, bool Converged, string Message)
{
    /// <summary>The BFGS inverse-Hessian approximation at the end (null when no step was taken): a warm start for a refinement.</summary>
    public double[,]? InverseHessian { get; init; }
}

/// <summary>
/// A dense BFGS quasi-Newton minimiser with a weak-Wolfe line search (bisection and
/// expansion), for the 2–4 log-parameters of the CLV models. With so few parameters the
/// dense inverse-Hessian update costs nothing next to one likelihood evaluation; the weak
/// Wolfe conditions keep every update positive definite; a non-finite objective value
/// (an overflow far from the optimum) simply shortens the step instead of aborting.
/// </summary>
internal static class QuasiNewton
{
    private const double ArmijoC1 = 1e-4;
    private const double WolfeC2 = 0.9;
    private const int MaxLineSearchSteps = 60;

    /// <summary>Largest change of any log-parameter in one iteration (a factor of e^4 ≈ 55).</summary>
    private const double MaxLogStep = 4;

    /// <summary>
    /// Minimises within the box [<paramref name="lower"/>, <paramref name="upper"/>] on every
    /// coordinate (unbounded by default): steps are projected onto the box, and a coordinate held
    /// at a bound by a gradient pointing outward counts as converged (projected gradient).
    /// </summary>
    /// <remarks>
    /// With <paramref name="stopAtNoise"/> the line search gives up as soon as the decrease it asks for is below the
    /// resolution of f (10⁻¹⁴ of it): on a million rows the summed likelihood cannot show it, and halving the step
    /// 60 times to find out costs 60 passes over the data.
    /// </remarks>
    public static OptimizerResult Minimize(GradientObjective objective, double[] start, int maxIterations, double gradientTolerance, double lower = double.NegativeInfinity, double upper = double.PositiveInfinity, bool stopAtNoise = false, double[,]? initialInverseHessian = null)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(x[i], lower, upper);
        }

        var g = new double[n];
        var f = objective(x, g);
        var evaluations = 1;
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            return new OptimizerResult(x, f, g, 0, evaluations, false, "the objective is not finite at the starting point");
        }

        var h = initialInverseHessian is null ? Identity(n) : (double[,])initialInverseHessian.Clone();
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var s = new double[n];
        var y = new double[n];
        var firstStep = initialInverseHessian is null;
        var smallDecreases = 0;
        var pg = new double[n];
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            Project(x, g, lower, upper, pg);
            if (NormInf(pg) <= gradientTolerance)
            {
                return new OptimizerResult(x, f, g, iteration - 1, evaluations, true, "gradient below tolerance") { InverseHessian = h };
            }

            // d = -H pg, with the coordinates held at a bound left where they are.
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum -= h[i, j] * pg[j];
                }

                d[i] = pg[i] == 0 && g[i] != 0 ? 0 : sum;
            }

            var slope = Dot(g, d);
            if (slope >= 0)
            {
                // Not a descent direction (lost curvature information): restart from steepest descent.
                h = Identity(n);
                for (var i = 0; i < n; i++)
                {
                    d[i] = -pg[i];
                }

                slope = Dot(g, d);
            }

            var t = firstStep ? Math.Min(1.0, 1.0 / Math.Max(NormInf(g), 1e-12)) : 1.0;
            var maxT = MaxLogStep / Math.Max(NormInf(d), 1e-300);
            t = Math.Min(t, maxT);
            var lo = 0.0;
            var hi = double.PositiveInfinity;
            var accepted = false;
            var fNew = double.NaN;
            var bestArmijoT = 0.0;
            for (var k = 0; k < MaxLineSearchSteps; k++)
            {
                var clamped = false;
                for (var i = 0; i < n; i++)
                {
                    var free = x[i] + (t * d[i]);
                    xNew[i] = Math.Clamp(free, lower, upper);
                    clamped |= xNew[i] != free;
                }

                fNew = objective(xNew, gNew);
                evaluations++;
                var decreaseBound = clamped ? ArmijoC1 * StepSlope(g, xNew, x) : ArmijoC1 * t * slope;
                if (!double.IsFinite(fNew) || !AllFinite(gNew) || fNew > f + decreaseBound)
                {
                    hi = t;
                    if (stopAtNoise && double.IsFinite(fNew) && Math.Abs(t * slope) < 1e-14 * Math.Max(1, Math.Abs(f)))
                    {
                        break;
                    }
                }
                else if (Dot(gNew, d) < WolfeC2 * slope)
                {
                    bestArmijoT = t;
                    lo = t;
                }
                else
                {
                    accepted = true;
                    break;
                }

                if (double.IsPositiveInfinity(hi) && lo >= maxT)
                {
                    // Step capped: take it even though the curvature condition is not met yet.
                    break;
                }

                t = double.IsPositiveInfinity(hi) ? Math.Min(2 * lo, maxT) : 0.5 * (lo + hi);
            }

            if (!accepted)
            {
                if (bestArmijoT <= 0)
                {
                    var converged = NormInf(pg) <= Math.Sqrt(gradientTolerance);
                    return new OptimizerResult(x, f, g, iteration, evaluations, converged, "line search found no decrease") { InverseHessian = h };
                }

                t = bestArmijoT;
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = Math.Clamp(x[i] + (t * d[i]), lower, upper);
                }

                fNew = objective(xNew, gNew);
                evaluations++;
            }

            for (var i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }

            var decrease = f - fNew;
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            f = fNew;

            var ys = Dot(y, s);
            if (ys > 1e-300 && ys > 1e-12 * Math.Sqrt(Dot(y, y) * Dot(s, s)))
            {
                if (firstStep)
                {
                    var scale = ys / Dot(y, y);
                    h = Identity(n);
                    for (var i = 0; i < n; i++)
                    {
                        h[i, i] = scale;
                    }
                }

                UpdateInverseHessian(h, s, y, ys);
                firstStep = false;
            }

            smallDecreases = decrease <= 1e-15 * Math.Max(1, Math.Abs(f)) ? smallDecreases + 1 : 0;
            if (smallDecreases >= 3)
            {
                Project(x, g, lower, upper, pg);
                var converged = NormInf(pg) <= Math.Max(gradientTolerance, 1e-6);
                return new OptimizerResult(x, f, g, iteration, evaluations, converged, "no further decrease") { InverseHessian = h };
            }
        }

        Project(x, g, lower, upper, pg);
        return new OptimizerResult(x, f, g, maxIterations, evaluations, NormInf(pg) <= gradientTolerance, "iteration limit reached") { InverseHessian = h };
    }

    /// <summary>
    /// Distance to a bound (in the optimiser's coordinates, log-parameters) within which a
    /// coordinate pushed outward counts as held by the bound. Along a ridge that runs to infinity
    /// the steps shrink before the bound is reached; without the slack they would never meet it.
    /// </summary>
    public const double BoundSlack = 0.05;

    /// <summary>The gradient with the components that push a coordinate out through (or within <see cref="BoundSlack"/> of) its bound set to 0.</summary>
    private static void Project(double[] x, double[] g, double lower, double upper, double[] projected)
    {
        for (var i = 0; i < x.Length; i++)
        {
            var blocked = (x[i] <= lower + BoundSlack && g[i] > 0) || (x[i] >= upper - BoundSlack && g[i] < 0);
            projected[i] = blocked ? 0 : g[i];
        }
    }

    /// <summary>gᵀ(xNew − x): the first-order change along the projected step actually taken.</summary>
    private static double StepSlope(double[] g, double[] xNew, double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += g[i] * (xNew[i] - x[i]);
        }

        return sum;
    }

    private static void UpdateInverseHessian(double[,] h, double[] s, double[] y, double ys)
    {
        // H+ = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ
        var n = s.Length;
        var rho = 1.0 / ys;
        var hy = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                hy[i] += h[i, j] * y[j];
            }
        }

        var yhy = Dot(y, hy);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                h[i, j] += (-rho * ((hy[i] * s[j]) + (s[i] * hy[j]))) + (((rho * rho * yhy) + rho) * s[i] * s[j]);
            }
        }
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    internal static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    internal static double NormInf(double[] a)
    {
        var m = 0.0;
        foreach (var v in a)
        {
            m = Math.Max(m, Math.Abs(v));
        }

        return m;
    }

    private static bool AllFinite(double[] a)
    {
        foreach (var v in a)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
