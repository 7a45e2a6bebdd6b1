using Mediator;
using MedTechAccounts.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Moq;

namespace MedTechAccounts.UnitTests.Web;

/// <summary>The request's cancellation reaches every message the web app sends.</summary>
public sealed class RequestAbortedMediatorTests
{
    public sealed record Ping : IQuery<string>;

    private static (RequestAbortedMediator Sender, Mock<IMediator> Inner) Create(HttpContext? context)
    {
        var inner = new Mock<IMediator>();
        inner.Setup(m => m.Send(It.IsAny<IQuery<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync("pong");
        return (new RequestAbortedMediator(inner.Object, new HttpContextAccessor { HttpContext = context }), inner);
    }

    [Fact]
    public async Task A_message_sent_without_a_token_gets_the_request_aborted_token()
    {
        using var aborted = new CancellationTokenSource();
        var (sender, inner) = Create(new DefaultHttpContext { RequestAborted = aborted.Token });

        await sender.Send(new Ping());

        inner.Verify(m => m.Send(It.IsAny<IQuery<string>>(), aborted.Token), Times.Once);
    }

    [Fact]
    public async Task A_token_the_caller_passes_wins()
    {
        using var aborted = new CancellationTokenSource();
        using var own = new CancellationTokenSource();
        var (sender, inner) = Create(new DefaultHttpContext { RequestAborted = aborted.Token });

        await sender.Send(new Ping(), own.Token);

        inner.Verify(m => m.Send(It.IsAny<IQuery<string>>(), own.Token), Times.Once);
    }

    [Fact]
    public async Task Outside_a_request_a_message_runs_without_a_token()
    {
        var (sender, inner) = Create(context: null);

        await sender.Send(new Ping());

        inner.Verify(m => m.Send(It.IsAny<IQuery<string>>(), CancellationToken.None), Times.Once);
    }
}
