using Microsoft.Playwright;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>
/// One app host and one Chromium for the whole suite; every test opens its own browser context
/// (cookies, storage and viewport of its own) and makes its own territories, users and accounts,
/// so tests never see each other's data. Starting the app (migrations) and the browser once keeps
/// the suite fast; the tests of the collection run one after another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Tablet portrait, the primary layout (design section 2), and tablet landscape.</summary>
    public static readonly ViewportSize Portrait = new() { Width = 768, Height = 1024 };
    public static readonly ViewportSize Landscape = new() { Width = 1024, Height = 768 };

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private BrowserAppFactory? _app;

    public BrowserAppFactory App => _app ?? throw new InvalidOperationException(NotStarted);

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(NotStarted);

    private static string NotStarted => Chromium.MissingReason ?? "The browser fixture has not started.";

    public async Task InitializeAsync()
    {
        // Tests are skipped without Chromium (see ChromiumFactAttribute); xUnit still builds the
        // fixture, so it starts nothing then.
        if (Chromium.Path is null)
        {
            return;
        }

        // Belt and braces: nothing in this run may fetch a browser from the internet.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        _app = new BrowserAppFactory();
        _app.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    /// <summary>A fresh browser context on the app (or on <paramref name="app"/>) at the given viewport, with its requests recorded.</summary>
    public async Task<BrowserSession> NewSessionAsync(ViewportSize viewport, BrowserAppFactory? app = null)
    {
        var host = app ?? App;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = viewport,
            // The certificate is made in memory at start (see BrowserAppFactory); nothing else is trusted blindly.
            IgnoreHTTPSErrors = true,
            Locale = "en-US",
            TimezoneId = "UTC",
            HasTouch = true,
            // Bootstrap then skips its colour transitions, so the contrast check never measures a button
            // half-way between two states (a flaky 2.3:1 on a just-hovered button).
            ReducedMotion = ReducedMotion.Reduce,
        });
        // Generous: CI machines have 2 cores and the app starts cold.
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, host.BaseAddress, viewport);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
