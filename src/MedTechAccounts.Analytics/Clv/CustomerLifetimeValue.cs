namespace MedTechAccounts.Analytics.Clv;

/// <summary>Gross margins (fractions of revenue) applied to each part of the CLV.</summary>
public sealed record ClvMargins(double RepeatPurchases, double ServiceContracts, double Replacement);

/// <summary>
/// How the CLV is composed: horizon (default 5 years), annual discount rate (default 10%),
/// margins, the number of model time units per year (52 for weeks) and the number of steps per
/// year at which expected repeat purchases are discounted.
/// </summary>
public sealed record ClvSettings(DateOnly AsOf, ClvMargins Margins)
{
    public double HorizonYears { get; init; } = 5;

    public double AnnualDiscountRate { get; init; } = 0.10;

    public double TimeUnitsPerYear { get; init; } = 52;

    public int DiscountStepsPerYear { get; init; } = 52;
}

/// <summary>The fitted models the CLV draws on; spend and retention models are optional.</summary>
public sealed record ClvModels(IRepeatPurchaseModel Repeat, GammaGammaParameters? Spend = null, ShiftedBetaGeometricParameters? ContractRetention = null);

/// <summary>A service contract: annual value, renewals so far and the date of the next renewal decision.</summary>
public sealed record ServiceContractInput(string ContractId, double AnnualValue, int RenewalsSoFar, DateOnly NextRenewal);

/// <summary>An active installed device whose replacement is an opportunity at its end of life.</summary>
public sealed record DeviceReplacementInput(string DeviceId, double ListPrice, DateOnly EndOfLife);

/// <summary>
/// One account's facts for the CLV, in the model's time unit: repeat-purchase history (x, t_x,
/// T), mean repeat order value, contracts and devices. <c>StayProbability</c> (e.g. from
/// P(alive) and the loyalty signals) overrides P(alive) for the replacement part.
/// </summary>
public sealed record AccountClvInput(
    string AccountId,
    double Frequency,
    double Recency,
    double T,
    double? MeanOrderValue,
    IReadOnlyList<ServiceContractInput> Contracts,
    IReadOnlyList<DeviceReplacementInput> Devices,
    double? StayProbability = null);

/// <summary>The CLV of one account and its three parts, with the inputs that explain it.</summary>
public sealed record ClvResult(
    string AccountId,
    double Total,
    double RepeatPurchases,
    double ServiceContracts,
    double Replacement,
    double ProbabilityAlive,
    double ExpectedTransactions,
    double ExpectedOrderValue,
    double StayProbability);

/// <summary>
/// CLV = discounted expected margin over the horizon, in three parts (DESIGN 4.1): repeat
/// purchases, service contracts and install-base replacement.
/// </summary>
public static class CustomerLifetimeValue
{
    private const double DaysPerYear = 365.25;

    public static ClvResult Compute(AccountClvInput account, ClvModels models, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        SummaryValidation.ThrowIfInvalid(account.Frequency, account.Recency, account.T, account.MeanOrderValue, 0, account.AccountId);

        var pAlive = models.Repeat.ProbabilityAlive(account.Frequency, account.Recency, account.T);
        var spend = ExpectedOrderValue(account, models);
        var (repeat, expected) = RepeatPart(account, models.Repeat, settings, spend);
        var service = ServicePart(account, models.ContractRetention, settings);
        var stay = account.StayProbability ?? pAlive;
        if (!(stay >= 0 && stay <= 1))
        {
            throw new ClvInputException("the stay probability must lie in [0, 1]", account.AccountId, null, null, "stay_probability");
        }

        var replacement = ReplacementPart(account, stay, settings);
        return new ClvResult(account.AccountId, repeat + service + replacement, repeat, service, replacement, pAlive, expected, spend, stay);
    }

    public static IReadOnlyList<ClvResult> ComputeAll(IReadOnlyList<AccountClvInput> accounts, ClvModels models, ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var results = new ClvResult[accounts.Count];
        if (accounts.Count < 256)
        {
            for (var i = 0; i < accounts.Count; i++)
            {
                results[i] = Compute(accounts[i], models, settings);
            }
        }
        else
        {
            Parallel.For(0, accounts.Count, i => results[i] = Compute(accounts[i], models, settings));
        }

        return results;
    }

    private static double ExpectedOrderValue(AccountClvInput account, ClvModels models)
    {
        if (models.Spend is { } spend)
        {
            var m = account.Frequency > 0 ? account.MeanOrderValue ?? 0 : 0;
            if (account.Frequency > 0 && m == 0)
            {
                return spend.PopulationMeanSpend;
            }

            return spend.ConditionalExpectedSpend(account.Frequency, m);
        }

        return account.MeanOrderValue ?? 0;
    }

    /// <summary>
    /// Σ_k [E[Y(t_k)] − E[Y(t_{k−1})]] · (1+d)^(−k/steps) · spend · margin over the horizon:
    /// each step's expected transactions discounted at the step's end.
    /// </summary>
    private static (double Value, double Expected) RepeatPart(AccountClvInput account, IRepeatPurchaseModel model, ClvSettings settings, double spend)
    {
        var steps = (int)Math.Round(settings.HorizonYears * settings.DiscountStepsPerYear);
        var stepLength = settings.TimeUnitsPerYear / settings.DiscountStepsPerYear;
        var previous = 0.0;
        var discounted = 0.0;
        double[]? path = null;
        if (model is IRepeatPurchasePath paths && steps > 0)
        {
            var horizons = new double[steps];
            for (var k = 1; k <= steps; k++)
            {
                horizons[k - 1] = k * stepLength;
            }

            path = new double[steps];
            paths.ConditionalExpectedTransactions(account.Frequency, account.Recency, account.T, horizons, path);
        }

        for (var k = 1; k <= steps; k++)
        {
            var e = path?[k - 1] ?? model.ConditionalExpectedTransactions(account.Frequency, account.Recency, account.T, k * stepLength);
            discounted += (e - previous) * Math.Pow(1 + settings.AnnualDiscountRate, -(double)k / settings.DiscountStepsPerYear);
            previous = e;
        }

        var value = double.IsFinite(spend) ? discounted * spend * settings.Margins.RepeatPurchases : 0;
        return (value, previous);
    }

    /// <summary>Per contract: annual value × margin × expected renewals inside the horizon, each discounted to its date.</summary>
    private static double ServicePart(AccountClvInput account, ShiftedBetaGeometricParameters? retention, ClvSettings settings)
    {
        if (account.Contracts.Count == 0)
        {
            return 0;
        }

        if (retention is null)
        {
            throw new ArgumentException("Contracts need a fitted retention (sBG) model.", nameof(retention));
        }

        var total = 0.0;
        foreach (var contract in account.Contracts)
        {
            if (!(contract.AnnualValue >= 0) || !double.IsFinite(contract.AnnualValue))
            {
                throw new ClvInputException("the annual value must be a finite non-negative number", account.AccountId, null, null, "annual_value");
            }

            if (contract.RenewalsSoFar < 0)
            {
                throw new ClvInputException("renewals cannot be negative", account.AccountId, null, null, "renewals");
            }

            var first = Math.Max(0, (contract.NextRenewal.DayNumber - settings.AsOf.DayNumber) / DaysPerYear);
            var stay = 1.0;
            var renewals = 0.0;
            for (var k = 0; first + k <= settings.HorizonYears; k++)
            {
                stay *= retention.Retention(contract.RenewalsSoFar + k + 1);
                renewals += stay * Math.Pow(1 + settings.AnnualDiscountRate, -(first + k));
            }

            total += contract.AnnualValue * renewals;
        }

        return total * settings.Margins.ServiceContracts;
    }

    /// <summary>Per device reaching its end of life inside the horizon: list price × P(stay) × margin, discounted to that date (already past: now).</summary>
    private static double ReplacementPart(AccountClvInput account, double stay, ClvSettings settings)
    {
        var total = 0.0;
        foreach (var device in account.Devices)
        {
            if (!(device.ListPrice >= 0) || !double.IsFinite(device.ListPrice))
            {
                throw new ClvInputException("the list price must be a finite non-negative number", account.AccountId, null, null, "list_price");
            }

            var years = Math.Max(0, (device.EndOfLife.DayNumber - settings.AsOf.DayNumber) / DaysPerYear);
            if (years <= settings.HorizonYears)
            {
                total += device.ListPrice * Math.Pow(1 + settings.AnnualDiscountRate, -years);
            }
        }

        return total * stay * settings.Margins.Replacement;
    }

    private static void Validate(ClvSettings settings)
    {
        if (!(settings.HorizonYears > 0) || !double.IsFinite(settings.HorizonYears))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.HorizonYears, "The horizon must be positive.");
        }

        if (!(settings.AnnualDiscountRate >= 0) || !double.IsFinite(settings.AnnualDiscountRate))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.AnnualDiscountRate, "The discount rate must be non-negative.");
        }

        if (settings.DiscountStepsPerYear < 1 || !(settings.TimeUnitsPerYear > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "Steps per year and time units per year must be positive.");
        }

        var m = settings.Margins ?? throw new ArgumentNullException(nameof(settings), "Margins are required.");
        foreach (var margin in new[] { m.RepeatPurchases, m.ServiceContracts, m.Replacement })
        {
            if (!(margin >= 0 && margin <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(settings), margin, "Margins are fractions in [0, 1].");
            }
        }
    }
}
