using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MedTechAccounts.BrowserTests.Infrastructure;

/// <summary>Checks of what a person on a tablet meets: the page fits, targets are big enough, nothing blocks assistive technology.</summary>
public static class PageChecks
{
    /// <summary>Minimum touch target (CONVENTIONS.md, "Front end").</summary>
    public const double TouchTarget = 44;

    /// <summary>Buttons and navigation links: what a finger has to hit.</summary>
    public const string TouchTargetSelector =
        "button, .btn, input[type=submit], input[type=button], .navbar-brand, .navbar-toggler, .nav-link, .dropdown-item, .page-link";

    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>Fails when the page scrolls sideways, naming the elements that stick out.</summary>
    public static async Task AssertNoHorizontalScrollingAsync(IPage page, string where)
    {
        var result = await page.EvaluateAsync<OverflowResult>(
            """
            () => {
              const root = document.documentElement;
              const width = root.clientWidth;
              const wide = Array.from(document.body.querySelectorAll('*'))
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .filter(e => !e.closest('.table-responsive, .visually-hidden, .visually-hidden-focusable'))
                .slice(0, 10)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
              return { scrollWidth: root.scrollWidth, clientWidth: width, wide };
            }
            """);
        Assert.True(result.ScrollWidth <= result.ClientWidth,
            $"{where} scrolls sideways: scrollWidth {result.ScrollWidth} > clientWidth {result.ClientWidth}. " +
            $"Elements past the right edge: {string.Join("; ", result.Wide)}");
    }

    /// <summary>Fails when a visible button or navigation link is less than 44 px tall.</summary>
    public static async Task AssertTouchTargetsAsync(IPage page, string where)
    {
        var targets = await page.EvaluateAsync<TouchTargetResult[]>(
            """
            (selector) => Array.from(document.querySelectorAll(selector))
              .filter(e => {
                const r = e.getBoundingClientRect();
                const s = getComputedStyle(e);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
              })
              .map(e => ({
                element: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.innerText || e.getAttribute('aria-label') || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
                height: e.getBoundingClientRect().height,
              }))
            """, TouchTargetSelector);
        Assert.NotEmpty(targets);
        var small = targets.Where(t => t.Height < TouchTarget - 0.01).ToList();
        Assert.True(small.Count == 0,
            $"{where}: touch targets under {TouchTarget} px: {string.Join("; ", small.Select(t => $"{t.Element} is {t.Height:0.#} px"))}");
    }

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, listing each with its elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"{where} has {blocking.Count} serious or critical accessibility violation(s):\n{Describe(blocking)}");
    }

    public static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    at {node.Target}: {node.Html}");
                // As axe's own failure summary: every check in All and None must be fixed, one of Any.
                foreach (var check in (node.All ?? []).Concat(node.None ?? []))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      fix: {check.Message}");
                }

                var any = (node.Any ?? []).Select(c => c.Message).ToList();
                if (any.Count > 0)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      fix one of: {string.Join(" / ", any)}");
                }
            }
        }

        return text.ToString();
    }

    // Filled from the page's JSON by Playwright, which needs settable properties.
    private sealed class OverflowResult
    {
        public double ScrollWidth { get; set; }
        public double ClientWidth { get; set; }
        public string[] Wide { get; set; } = [];
    }

    private sealed class TouchTargetResult
    {
        public string Element { get; set; } = "";
        public double Height { get; set; }
    }
}
