using Microsoft.Playwright;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>Submitting a form as a person does (its button) and checking how the app answered the POST.</summary>
public static class Forms
{
    /// <summary>Clicks the submit button and returns the answer to the form's POST, once the next page has loaded.</summary>
    public static async Task<IResponse> SubmitAsync(IPage page, string button)
    {
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Request.ResourceType == "document");
        await page.WaitForLoadStateAsync();
        return answer;
    }

    /// <summary>
    /// Fails, quoting what the page says, when the POST was not answered with <paramref name="expected"/>
    /// or, when <paramref name="heading"/> is given, the page after it is not the one with that heading
    /// (a form shown again, not an error page with the same status).
    /// </summary>
    public static async Task AssertAnsweredAsync(IPage page, IResponse answer, int expected, string what, string? heading = null)
    {
        var shownHeading = await page.Locator("main h1").First.InnerTextAsync();
        if (answer.Status != expected || (heading is not null && shownHeading.Trim() != heading))
        {
            var shown = (await page.Locator("main").InnerTextAsync()).ReplaceLineEndings(" ").Trim();
            Assert.Fail($"{what}: POST {new Uri(answer.Url).AbsolutePath} answered {answer.Status}" +
                $"{(heading is null ? "" : $" with the page '{shownHeading}'")}, expected {expected}" +
                $"{(heading is null ? "" : $" with the page '{heading}'")}. The page shows: {shown}");
        }
    }
}
