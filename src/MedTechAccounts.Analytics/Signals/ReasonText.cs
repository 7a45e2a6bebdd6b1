using System.Globalization;

namespace MedTechAccounts.Analytics.Signals;

/// <summary>How the reasons write dates, amounts, shares and counts: the same way in every sentence.</summary>
internal static class ReasonText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string Date(DateTime moment) => Date(DateOnly.FromDateTime(moment));

    public static string Money(decimal amount) => Math.Abs(amount) switch
    {
        >= 1_000_000m => "$" + (amount / 1_000_000m).ToString("0.#", English) + "M",
        >= 10_000m => "$" + (amount / 1_000m).ToString("0", English) + "k",
        _ => amount.ToString("$#,0", English),
    };

    public static string Percent(double share) => (share * 100).ToString("0", English) + "%";

    public static string Number(double value, string format = "0.#") => value.ToString(format, English);

    /// <summary>"1 device", "8 devices".</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        $"{n.ToString(English)} {(n == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static int Days(DateTime from, DateTime to) => (int)Math.Floor((to - from).TotalDays);
}
