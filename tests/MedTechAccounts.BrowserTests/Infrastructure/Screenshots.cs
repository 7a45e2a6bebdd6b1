using Microsoft.Playwright;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots kept as test artifacts in <c>artifacts/test-results/screenshots/</c> (the folder the
/// test command collects), named like <c>manager-dashboard-tablet.png</c>, for a person to look at after a run.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "test-results", "screenshots");

    /// <summary>Saves the page as <c>{name}.png</c> and returns the file's path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedTechAccounts.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
