using System.Globalization;

namespace MedTechAccounts.Core.Domain;

/// <summary>
/// Money as people read it, always with its currency: "USD 12,500.00", "USD 12,500", "USD 1.25M". The currency is the
/// configuration key <c>Money:Currency</c> (an ISO 4217 code, USD by default); every amount in the product is in it.
/// The one formatting helper for money in views, charts and exports for people (the API and interchange files keep
/// plain numbers).
/// </summary>
public sealed class MoneyFormat
{
    public const string ConfigurationKey = "Money:Currency";
    public const string DefaultCurrency = "USD";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public MoneyFormat(string? currency = null)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? DefaultCurrency : currency.Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(c => c is >= 'A' and <= 'Z'))
        {
            throw new ArgumentException(
                $"{ConfigurationKey} must be a three-letter ISO 4217 currency code such as USD or EUR; it is '{currency}'.", nameof(currency));
        }

        Currency = code;
    }

    /// <summary>The ISO 4217 code, e.g. USD.</summary>
    public string Currency { get; }

    /// <summary>"USD 12,500.00"; "—" for none.</summary>
    public string Amount(decimal? value) => value is { } v ? With(v.ToString("N2", Inv)) : "—";

    /// <summary>"USD 12,500", rounded to the whole unit; "—" for none.</summary>
    public string Whole(decimal? value) => value is { } v ? With(v.ToString("#,0", Inv)) : "—";

    /// <summary>"USD 1.23M", "USD 350k", "USD 12.5k", "USD 9,999": short enough for a projector, precise enough to read; "—" for none.</summary>
    public string Short(decimal? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 1_000_000m => With((v / 1_000_000m).ToString("0.0#", Inv) + "M"),
        { } v when Math.Abs(v) >= 100_000m => With((v / 1_000m).ToString("0", Inv) + "k"),
        { } v when Math.Abs(v) >= 10_000m => With((v / 1_000m).ToString("0.#", Inv) + "k"),
        { } v => With(v.ToString("#,0", Inv)),
    };

    /// <summary>A heading or axis title for amounts: "Revenue (USD)".</summary>
    public string Title(string what) => $"{what} ({Currency})";

    private string With(string number) => number.StartsWith('-') ? $"-{Currency} {number[1..]}" : $"{Currency} {number}";
}
