using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>
/// One browser context: its own cookies and viewport, and a record of every request any of its
/// pages made, so a test can assert that nothing was fetched from another host.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _broken = new();

    public BrowserSession(IBrowserContext context, Uri origin, ViewportSize viewport)
    {
        Context = context;
        Origin = origin;
        Viewport = viewport;
        context.Request += (_, request) => _requests.Enqueue(request.Url);
        // Page loads are left out: some tests expect an error answer (a refused save is a 409), and a
        // navigation that a newer one replaces is reported as failed. Assets must always load.
        context.RequestFailed += (_, request) =>
        {
            if (request.ResourceType is not "document")
            {
                _broken.Enqueue($"{request.Url} failed: {request.Failure}");
            }
        };
        context.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType is not "document")
            {
                _broken.Enqueue($"{response.Url} answered {response.Status}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public Uri Origin { get; }

    public ViewportSize Viewport { get; }

    /// <summary>"768x1024": the viewport as used in screenshot names.</summary>
    public string ViewportName => $"{Viewport.Width}x{Viewport.Height}";

    /// <summary>Every URL requested so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Requests that left the app's origin (data: and blob: URLs are not requests to a host).</summary>
    public IReadOnlyList<string> ForeignRequests => Requests
        .Where(url => !(url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal)))
        .Where(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || Uri.Compare(uri, Origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        .ToList();

    /// <summary>Scripts, styles, fonts and images that failed to load or answered with an error.</summary>
    public IReadOnlyList<string> BrokenRequests => [.. _broken];

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>Signs in through the login form, as a person would, and waits for the page after it.</summary>
    public async Task<IPage> SignInAsync(string email, string? authenticatorKey = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await LeaveAsync(page, "/account/login", email);

        if (authenticatorKey is not null)
        {
            await page.GetByLabel("Authenticator code").FillAsync(await Totp.UnusedCodeAsync(authenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
            await LeaveAsync(page, "/account/two-factor", email);
        }

        return page;
    }

    /// <summary>
    /// Saves a screenshot of the whole page as artifacts/screenshots/&lt;name&gt;-&lt;viewport&gt;.png
    /// (git ignores artifacts/) and returns its path.
    /// </summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Artifacts.Screenshots, $"{name}-{ViewportName}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    /// <summary>Waits until the form's POST has taken the page elsewhere; if it stayed, says what the form said.</summary>
    private static async Task LeaveAsync(IPage page, string formPath, string email)
    {
        // Where the document is, read from it: waiting for a navigation's lifecycle event has missed a page the service
        // worker served (full runs saw the page already elsewhere while the wait never ended).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var path = await page.EvaluateAsync<string>("() => location.pathname");
                if (!path.StartsWith(formPath, StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 10_000 });
                    }
                    catch (TimeoutException)
                    {
                        // The next step's locators wait for what they need.
                    }

                    return;
                }
            }
            catch (PlaywrightException)
            {
                // The document is being replaced: ask the next one.
            }

            await Task.Delay(200);
        }

        var messages = await page.Locator(".alert-danger, .text-danger, .invalid-feedback").AllInnerTextsAsync();
        throw new InvalidOperationException(
            $"Sign-in of {email} stayed on {page.Url}: {string.Join(" | ", messages.Where(m => m.Trim().Length > 0))}");
    }
}

/// <summary>Where the suite writes files a person looks at after a run.</summary>
public static class Artifacts
{
    /// <summary>artifacts/screenshots at the repository root, or TestResults/screenshots in the output folder outside a checkout.</summary>
    public static string Screenshots { get; } = Create();

    private static string Create()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MedTechAccounts.sln")))
        {
            root = root.Parent;
        }

        var folder = root is null
            ? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")
            : Path.Combine(root.FullName, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
