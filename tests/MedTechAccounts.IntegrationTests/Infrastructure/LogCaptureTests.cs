using Microsoft.Extensions.Logging;

namespace MedTechAccounts.IntegrationTests.Infrastructure;

/// <summary>The suite-wide secret scan of every test class's log (AppFactory) finds what it must, named without the secret.</summary>
public sealed class LogCaptureTests
{
    [Fact]
    public void A_secret_in_an_entry_is_a_leak_whether_it_was_logged_before_or_after_it_became_known()
    {
        var capture = new LogCapture("the-password");
        var logger = capture.CreateLogger("Sign-in");
        logger.LogInformation("Issued {Token}", "token-123");
        Assert.Empty(capture.Leaks());

        capture.NeverLog("token-123");
        logger.LogWarning(new EventId(7), "Refused {Password}", "the-password");

        Assert.Equal(["Information Sign-in event 0", "Warning Sign-in event 7"], capture.Leaks());
        Assert.DoesNotContain(capture.Leaks(), leak => leak.Contains("token-123") || leak.Contains("the-password"));
    }
}
