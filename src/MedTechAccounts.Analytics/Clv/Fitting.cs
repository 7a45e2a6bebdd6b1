namespace MedTechAccounts.Analytics.Clv;

/// <summary>Options of a maximum-likelihood fit.</summary>
public sealed record FitOptions
{
    public static FitOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty on the parameters (natural scale), as in the lifetimes package: the objective
    /// is −LL / customers + penalizer × Σ θ². Zero gives the plain maximum-likelihood estimate.
    /// </summary>
    public double Penalizer { get; init; }

    public int MaxIterations { get; init; } = 300;

    /// <summary>Convergence when every component of the gradient of −LL / customers (in log-parameters) is below this.</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>Starting points (natural scale, in the order of the model's parameter names); null uses the model's defaults.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? StartingPoints { get; init; }

    /// <summary>
    /// Distinct rows above which the starting points are first compared on a systematic sample
    /// of this many rows; only the best is then refined on all rows.
    /// </summary>
    public int ScreeningRows { get; init; } = 25_000;

    /// <summary>Distinct rows above which likelihood sums are split across cores.</summary>
    public int ParallelThreshold { get; init; } = 20_000;

    /// <summary>
    /// Every parameter is kept in [<see cref="ParameterLowerBound"/>, <see cref="ParameterUpperBound"/>]
    /// by the optimiser; a parameter that ends on a bound is reported as a degeneracy.
    /// </summary>
    public const double ParameterUpperBound = 1e6;

    /// <summary>See <see cref="ParameterUpperBound"/>.</summary>
    public const double ParameterLowerBound = 1e-6;

    /// <summary>Gamma-Gamma fit: |Pearson r| between frequency and spend above which the fit carries a warning.</summary>
    public double SpendCorrelationWarningThreshold { get; init; } = 0.3;
}

/// <summary>What every fit reports. Parameters are named as in the papers.</summary>
public sealed record FitResult(
    string Model,
    IReadOnlyDictionary<string, double> Parameters,
    IReadOnlyDictionary<string, double> StandardErrors,
    double LogLikelihood,
    bool Converged,
    int Iterations,
    int Rows,
    int UniqueRows,
    double Penalizer,
    IReadOnlyList<string> Warnings)
{
    /// <summary>MBG/CNBD-k only: the log-likelihood of every k tried (k is chosen by it).</summary>
    public IReadOnlyDictionary<int, double>? LogLikelihoodByK { get; init; }

    /// <summary>What makes the fit untrustworthy, each named (empty for a well-identified fit). Their messages are among the warnings too.</summary>
    public IReadOnlyList<FitDegeneracy> Degeneracies { get; init; } = [];

    /// <summary>When the fit is degenerate and the model has a well-defined limit, which one is used instead (e.g. "geometric" for sBG); otherwise null.</summary>
    public string? Fallback { get; init; }
}

/// <summary>One reason a fit should not be used as it stands: a <see cref="Kind"/> from <see cref="FitDegeneracy"/>'s constants, the parameter concerned (if one), and a sentence.</summary>
public sealed record FitDegeneracy(string Kind, string? Parameter, string Message)
{
    /// <summary>The parameter ended on the optimiser's bound: the data do not identify it (it runs to 0 or infinity).</summary>
    public const string ParameterAtBound = "parameter-at-bound";

    /// <summary>The Hessian of −LL at the optimum is not positive definite: no standard errors, a flat or saddle optimum.</summary>
    public const string HessianNotPositiveDefinite = "hessian-not-positive-definite";

    /// <summary>A standard error is larger than its estimate: the parameter is not distinguishable from 0.</summary>
    public const string StandardErrorExceedsEstimate = "standard-error-exceeds-estimate";
}

/// <summary>A fit with the model's typed parameters.</summary>
public sealed record ModelFit<TParameters>(TParameters Parameters, FitResult Result);

/// <summary>Total weighted log-likelihood at natural parameters θ; writes dLL/dθ when <c>gradient</c> is not null.</summary>
internal delegate double LogLikelihoodFunction(double[] theta, double[]? gradient);

internal sealed record LikelihoodProblem(
    string Model,
    string[] ParameterNames,
    IReadOnlyList<double[]> DefaultStarts,
    LogLikelihoodFunction LogLikelihood,
    bool HasAnalyticGradient,
    double TotalWeight,
    int Rows,
    int UniqueRows)
{
    /// <summary>Optional: the log-likelihood on a sample of at most n distinct rows, for screening starting points on large data.</summary>
    public Func<int, (LogLikelihoodFunction LogLikelihood, double TotalWeight)>? Screening { get; init; }
}

/// <summary>
/// Maximum likelihood on log-parameters: several starting points, each minimised by
/// <see cref="QuasiNewton"/>; the best converged optimum is kept. Standard errors come from a
/// numeric Hessian of the (penalised) log-likelihood in log-parameters, inverted and carried
/// back to the natural scale by the delta method (SE(θ) = θ · SE(log θ)).
/// </summary>
internal static class MaximumLikelihood
{
    public static (double[] Theta, FitResult Result) Fit(LikelihoodProblem problem, FitOptions? options)
    {
        options ??= FitOptions.Default;
        if (options.Penalizer < 0 || !double.IsFinite(options.Penalizer))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Penalizer, "The penalizer must be a finite non-negative number.");
        }

        var k = problem.ParameterNames.Length;
        var starts = options.StartingPoints?.Select(s => s.ToArray()).ToList() ?? [.. problem.DefaultStarts];
        foreach (var s in starts)
        {
            if (s.Length != k || s.Any(v => !(v > 0) || !double.IsFinite(v)))
            {
                throw new ArgumentException($"Each starting point needs {k} positive finite values ({string.Join(", ", problem.ParameterNames)}).", nameof(options));
            }
        }

        var objective = MakeObjective(problem, options.Penalizer);
        // Screening pays with several starts, and with one on very many rows (it brings the curvature to the full refinement).
        var screening = problem.Screening is not null && (starts.Count > 1 || problem.UniqueRows > 8 * options.ScreeningRows) && problem.UniqueRows > options.ScreeningRows
            ? MakeScreeningObjective(problem, problem.Screening(options.ScreeningRows), options.Penalizer)
            : null;
        // The starts are independent minimisations: run them on both cores, then compare them in their order, so the
        // optimum kept is the one a loop over the starts keeps.
        var results = new OptimizerResult[starts.Count];
        Parallel.For(0, starts.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            var u0 = starts[i].Select(v => Math.Log(v)).ToArray();
            results[i] = QuasiNewton.Minimize(screening ?? objective, u0, options.MaxIterations, screening is null ? options.GradientTolerance : 1e-6, LowerLog, UpperLog);
        });
        OptimizerResult? best = null;
        foreach (var result in results)
        {
            if (best is null || IsBetter(result, best))
            {
                best = result;
            }
        }

        if (screening is not null)
        {
            // Refine the best screened optimum on every row; on many rows first on a sample 8 times the screening's
            // (each pass over it costs an eighth or less of one over all rows), so that few full passes remain.
            if (problem.UniqueRows > 8 * options.ScreeningRows)
            {
                var middle = MakeScreeningObjective(problem, problem.Screening!(8 * options.ScreeningRows), options.Penalizer);
                var refined = QuasiNewton.Minimize(middle, best!.Point, options.MaxIterations, 1e-7, LowerLog, UpperLog, stopAtNoise: true, best.InverseHessian);
                if (double.IsFinite(refined.Value))
                {
                    best = refined;
                }
            }

            // The objective is per customer, so the sample's curvature is the full data's up to sampling noise: starting
            // BFGS from it saves the iterations that would relearn it on every row.
            best = QuasiNewton.Minimize(objective, best!.Point, options.MaxIterations, options.GradientTolerance, LowerLog, UpperLog, stopAtNoise: true, best.InverseHessian);
        }

        var u = best!.Point;
        var theta = u.Select(v => Math.Exp(v)).ToArray();
        var logLikelihood = problem.LogLikelihood(theta, null);
        var warnings = new List<string>();
        if (!best.Converged)
        {
            warnings.Add($"The optimiser did not converge ({best.Message}).");
        }

        var se = StandardErrors(problem, options.Penalizer, u, objective, warnings);
        var parameters = new Dictionary<string, double>(k);
        var errors = new Dictionary<string, double>(k);
        for (var i = 0; i < k; i++)
        {
            parameters[problem.ParameterNames[i]] = theta[i];
            errors[problem.ParameterNames[i]] = se[i];
        }

        var degeneracies = Degeneracies(problem.ParameterNames, u, theta, se);
        foreach (var d in degeneracies)
        {
            if (d.Kind != FitDegeneracy.HessianNotPositiveDefinite)
            {
                warnings.Add(d.Message);
            }
        }

        var fit = new FitResult(problem.Model, parameters, errors, logLikelihood, best.Converged, best.Iterations, problem.Rows, problem.UniqueRows, options.Penalizer, warnings)
        {
            Degeneracies = degeneracies,
        };
        return (theta, fit);
    }

    private static readonly double LowerLog = Math.Log(FitOptions.ParameterLowerBound);
    private static readonly double UpperLog = Math.Log(FitOptions.ParameterUpperBound);

    /// <summary>Names what makes the optimum untrustworthy: a parameter on a bound, no positive-definite Hessian, an SE above its estimate.</summary>
    internal static List<FitDegeneracy> Degeneracies(string[] names, double[] u, double[] theta, double[] se)
    {
        var found = new List<FitDegeneracy>();
        for (var i = 0; i < names.Length; i++)
        {
            if (u[i] >= UpperLog - QuasiNewton.BoundSlack)
            {
                found.Add(new FitDegeneracy(FitDegeneracy.ParameterAtBound, names[i], Invariant($"{names[i]} ran to the optimiser's upper bound {FitOptions.ParameterUpperBound:G3}: the data do not identify it.")));
            }
            else if (u[i] <= LowerLog + QuasiNewton.BoundSlack)
            {
                found.Add(new FitDegeneracy(FitDegeneracy.ParameterAtBound, names[i], Invariant($"{names[i]} ran to the optimiser's lower bound {FitOptions.ParameterLowerBound:G3}: the data do not identify it.")));
            }
        }

        if (se.Any(double.IsNaN))
        {
            found.Add(new FitDegeneracy(FitDegeneracy.HessianNotPositiveDefinite, null, "The Hessian at the optimum is not positive definite; standard errors are not available."));
            return found;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (se[i] > theta[i])
            {
                found.Add(new FitDegeneracy(FitDegeneracy.StandardErrorExceedsEstimate, names[i], Invariant($"The standard error of {names[i]} ({se[i]:G4}) is larger than the estimate ({theta[i]:G4}).")));
            }
        }

        return found;
    }

    private static string Invariant(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static GradientObjective MakeScreeningObjective(LikelihoodProblem problem, (LogLikelihoodFunction LogLikelihood, double TotalWeight) sample, double penalizer) =>
        MakeObjective(problem with { LogLikelihood = sample.LogLikelihood, TotalWeight = sample.TotalWeight }, penalizer);

    private static bool IsBetter(OptimizerResult candidate, OptimizerResult incumbent)
    {
        if (!double.IsFinite(candidate.Value))
        {
            return false;
        }

        if (candidate.Converged != incumbent.Converged)
        {
            return candidate.Converged;
        }

        return !double.IsFinite(incumbent.Value) || candidate.Value < incumbent.Value;
    }

    /// <summary>f(u) = −LL(e^u) / W + λ Σ e^(2u), with its gradient in u.</summary>
    internal static GradientObjective MakeObjective(LikelihoodProblem problem, double penalizer)
    {
        var k = problem.ParameterNames.Length;
        var w = problem.TotalWeight;
        double Value(double[] u)
        {
            var theta = new double[k];
            var penalty = 0.0;
            for (var i = 0; i < k; i++)
            {
                theta[i] = Math.Exp(u[i]);
                penalty += theta[i] * theta[i];
            }

            if (!AllPositiveFinite(theta))
            {
                return double.PositiveInfinity;
            }

            var ll = problem.LogLikelihood(theta, null);
            return double.IsFinite(ll) ? (-ll / w) + (penalizer * penalty) : double.PositiveInfinity;
        }

        if (!problem.HasAnalyticGradient)
        {
            return (u, gradient) =>
            {
                var f = Value(u);
                if (!double.IsFinite(f))
                {
                    Array.Fill(gradient, double.NaN);
                    return f;
                }

                var probe = (double[])u.Clone();
                for (var i = 0; i < k; i++)
                {
                    const double h = 1e-6;
                    probe[i] = u[i] + h;
                    var fp = Value(probe);
                    probe[i] = u[i] - h;
                    var fm = Value(probe);
                    probe[i] = u[i];
                    gradient[i] = (fp - fm) / (2 * h);
                }

                return f;
            };
        }

        return (u, gradient) =>
        {
            var theta = new double[k];
            for (var i = 0; i < k; i++)
            {
                theta[i] = Math.Exp(u[i]);
            }

            if (!AllPositiveFinite(theta))
            {
                Array.Fill(gradient, double.NaN);
                return double.PositiveInfinity;
            }

            var dTheta = new double[k];
            var ll = problem.LogLikelihood(theta, dTheta);
            if (!double.IsFinite(ll))
            {
                Array.Fill(gradient, double.NaN);
                return double.PositiveInfinity;
            }

            var penalty = 0.0;
            for (var i = 0; i < k; i++)
            {
                penalty += theta[i] * theta[i];
                gradient[i] = (-dTheta[i] * theta[i] / w) + (2 * penalizer * theta[i] * theta[i]);
            }

            return (-ll / w) + (penalizer * penalty);
        };
    }

    private static double[] StandardErrors(LikelihoodProblem problem, double penalizer, double[] u, GradientObjective objective, List<string> warnings)
    {
        var k = u.Length;
        var hessian = NumericHessian(objective, u, problem.HasAnalyticGradient);
        var se = new double[k];
        // The objective is per customer: the Hessian of the total −LL is W times it.
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                hessian[i, j] *= problem.TotalWeight;
            }
        }

        var covariance = InvertSymmetricPositiveDefinite(hessian);
        if (covariance is null)
        {
            warnings.Add("The Hessian at the optimum is not positive definite; standard errors are not available.");
            Array.Fill(se, double.NaN);
            return se;
        }

        for (var i = 0; i < k; i++)
        {
            se[i] = Math.Exp(u[i]) * Math.Sqrt(covariance[i, i]);
        }

        if (penalizer > 0)
        {
            warnings.Add("Standard errors are those of the penalised objective.");
        }

        return se;
    }

    /// <summary>Hessian of the objective in u: central differences of the gradient, or second differences of the value.</summary>
    internal static double[,] NumericHessian(GradientObjective objective, double[] u, bool analyticGradient)
    {
        var k = u.Length;
        var hessian = new double[k, k];
        var probe = (double[])u.Clone();
        var gp = new double[k];
        var gm = new double[k];
        if (analyticGradient)
        {
            const double h = 1e-5;
            for (var j = 0; j < k; j++)
            {
                probe[j] = u[j] + h;
                objective(probe, gp);
                probe[j] = u[j] - h;
                objective(probe, gm);
                probe[j] = u[j];
                for (var i = 0; i < k; i++)
                {
                    hessian[i, j] = (gp[i] - gm[i]) / (2 * h);
                }
            }
        }
        else
        {
            const double h = 1e-4;
            double F(double[] p) => objective(p, gp);
            var f0 = F(probe);
            for (var i = 0; i < k; i++)
            {
                probe[i] = u[i] + h;
                var fp = F(probe);
                probe[i] = u[i] - h;
                var fm = F(probe);
                probe[i] = u[i];
                hessian[i, i] = (fp - (2 * f0) + fm) / (h * h);
                for (var j = 0; j < i; j++)
                {
                    probe[i] = u[i] + h;
                    probe[j] = u[j] + h;
                    var fpp = F(probe);
                    probe[j] = u[j] - h;
                    var fpm = F(probe);
                    probe[i] = u[i] - h;
                    var fmm = F(probe);
                    probe[j] = u[j] + h;
                    var fmp = F(probe);
                    probe[i] = u[i];
                    probe[j] = u[j];
                    hessian[i, j] = (fpp - fpm - fmp + fmm) / (4 * h * h);
                }
            }
        }

        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var avg = 0.5 * (hessian[i, j] + hessian[j, i]);
                hessian[i, j] = avg;
                hessian[j, i] = avg;
            }
        }

        return hessian;
    }

    /// <summary>Inverse through a Cholesky factorisation; null when the matrix is not positive definite.</summary>
    internal static double[,]? InvertSymmetricPositiveDefinite(double[,] a)
    {
        var n = a.GetLength(0);
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var m = 0; m < j; m++)
                {
                    sum -= l[i, m] * l[j, m];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var inverse = new double[n, n];
        var e = new double[n];
        var z = new double[n];
        for (var col = 0; col < n; col++)
        {
            Array.Clear(e);
            e[col] = 1;
            for (var i = 0; i < n; i++)
            {
                var sum = e[i];
                for (var m = 0; m < i; m++)
                {
                    sum -= l[i, m] * z[m];
                }

                z[i] = sum / l[i, i];
            }

            for (var i = n - 1; i >= 0; i--)
            {
                var sum = z[i];
                for (var m = i + 1; m < n; m++)
                {
                    sum -= l[m, i] * inverse[m, col];
                }

                inverse[i, col] = sum / l[i, i];
            }
        }

        return inverse;
    }

    private static bool AllPositiveFinite(double[] theta)
    {
        foreach (var t in theta)
        {
            if (!(t > 0) || !double.IsFinite(t))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Deterministic partitioned sums: fixed chunks, summed in chunk order whatever the scheduling.</summary>
internal static class PartitionedSum
{
    private const int Chunks = 16;

    /// <summary>
    /// Calls <paramref name="body"/>(start, end, accumulator) over [0, count) and returns the
    /// element-wise sum of the accumulators (length <paramref name="width"/>).
    /// </summary>
    public static double[] Run(int count, int width, int parallelThreshold, Action<int, int, double[]> body)
    {
        if (count < parallelThreshold || Environment.ProcessorCount < 2)
        {
            var acc = new double[width];
            body(0, count, acc);
            return acc;
        }

        var partial = new double[Chunks][];
        var size = (count + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, c =>
        {
            var acc = new double[width];
            var start = c * size;
            var end = Math.Min(count, start + size);
            if (start < end)
            {
                body(start, end, acc);
            }

            partial[c] = acc;
        });

        var total = new double[width];
        foreach (var acc in partial)
        {
            for (var i = 0; i < width; i++)
            {
                total[i] += acc[i];
            }
        }

        return total;
    }
}
