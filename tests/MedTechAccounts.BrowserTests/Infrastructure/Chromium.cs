namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>
/// The machine's Chromium. Playwright's own browser download is never used: the tests run where
/// there is no outside network, so they drive the distribution's package (build/test.sh installs
/// it and exports MEDTECH_CHROMIUM). Without one, every browser test is reported skipped with
/// <see cref="MissingReason"/>; none fails and none passes without having run.
/// </summary>
public static class Chromium
{
    public const string EnvironmentVariable = "MEDTECH_CHROMIUM";
    private const string DefaultPath = "/usr/bin/chromium";

    /// <summary>
    /// Flags for a headless run as root in a container with no outside network: no sandbox (root),
    /// no GPU, and none of the browser's own traffic (QUIC probes, component updates, sync,
    /// background requests), so the only requests are the ones the pages make.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // The app's certificate is made in memory at start (BrowserAppFactory). Contexts already accept it
        // (IgnoreHTTPSErrors), but Chromium refuses to register a service worker from an origin with a
        // certificate error unless the whole browser ignores them: the offline tests need the worker.
        "--ignore-certificate-errors",
    ];

    private static readonly (string? Path, string? Reason) Found = Locate();

    /// <summary>The executable to launch, or null when there is none.</summary>
    public static string? Path => Found.Path;

    /// <summary>Why the browser tests are skipped; null when <see cref="Path"/> is set.</summary>
    public static string? MissingReason => Found.Reason;

    private static (string? Path, string? Reason) Locate()
    {
        const string install = "Install the distribution's 'chromium' package (build/test.sh does) to run the browser tests.";
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? (configured, null)
                : (null, $"{EnvironmentVariable} is set to '{configured}', which does not exist. {install}");
        }

        return File.Exists(DefaultPath)
            ? (DefaultPath, null)
            : (null, $"No Chromium: {EnvironmentVariable} is not set and {DefaultPath} does not exist. {install}");
    }
}

/// <summary>A fact that needs Chromium; skipped, saying why, when the machine has none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs Chromium; skipped, saying why, when the machine has none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
