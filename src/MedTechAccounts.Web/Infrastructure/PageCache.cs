using System.Collections.Concurrent;
using System.Security.Claims;
using MedTechAccounts.Core.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>Marks a read page or API answer whose copies <see cref="PageCache"/> keeps for the caller who asked.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KeptPageAttribute : Attribute, IFilterFactory
{
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<PageCache>();
}

/// <summary>
/// This node's copies of the <see cref="KeptPageAttribute"/> pages, each for the one caller it was made for, served again
/// while nothing has been written since. A copy is keyed by the caller, their antiforgery cookie (the page's forms
/// carry tokens bound to it), the path and query, the Accept header, the <see cref="ChangeStamp"/> read at the start of
/// the request, and the current window of <c>PageCache:Seconds</c> (default 10; 0 turns the cache off). So a write
/// anywhere, on any node, makes every copy stale at once, and no copy is served once its window has passed: that
/// bounds what no audit entry announces (the clock turning a due date into "overdue", a user's display name) and, on
/// PostgreSQL, a write that commits after a later one (its audit id is below a stamp a reader already saw).
/// Authorization has run before this filter, so a copy is never served to a caller who may no longer open the page.
/// Only the body and its content type are kept: cookies and every other header are made anew for each request.
/// A response that is not a 200, answers a request carrying a form message (TempData) or issues a new antiforgery
/// cookie is not kept. Concurrent requests for one missing copy wait for the first one instead of all computing it.
/// </summary>
public sealed class PageCache : IAsyncResourceFilter, IDisposable
{
    /// <summary>Larger answers (a big export) are sent but not kept.</summary>
    private const int MaxBodyBytes = 4 << 20;

    private static readonly string TempDataCookie = CookieTempDataProvider.CookieName;

    private readonly TimeProvider clock;
    private readonly TimeSpan window;
    private readonly MemoryCache copies;
    private readonly ConcurrentDictionary<string, Task<Copy?>> computing = new();

    public PageCache(TimeProvider clock, IConfiguration configuration)
    {
        this.clock = clock;
        window = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("PageCache:Seconds", 10)));
        copies = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = (long)Math.Max(1, configuration.GetValue("PageCache:MegaBytes", 256)) << 20,
            Clock = new SystemClockOf(clock),
        });
    }

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = await KeyAsync(http);
        if (key is null)
        {
            await next();
            return;
        }

        if (copies.TryGetValue(key, out Copy? kept) && kept is not null)
        {
            context.Result = kept;
            return;
        }

        var mine = new TaskCompletionSource<Copy?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = computing.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            if (await running.WaitAsync(http.RequestAborted) is { } made)
            {
                context.Result = made;
                return;
            }

            await next();
            return;
        }

        Copy? copy = null;
        try
        {
            copy = await ComputeAsync(http, next);
            if (copy is not null)
            {
                copies.Set(key, copy, new MemoryCacheEntryOptions
                {
                    AbsoluteExpirationRelativeToNow = window,
                    Size = copy.Body.Length + key.Length * 2L,
                });
            }
        }
        finally
        {
            mine.SetResult(copy);
            computing.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }

    /// <summary>Runs the action with its body copied on the way out; the copy when it may be kept.</summary>
    private static async Task<Copy?> ComputeAsync(HttpContext http, ResourceExecutionDelegate next)
    {
        var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var tee = new TeeStream(original.Stream, MaxBodyBytes);
        var teeFeature = new StreamResponseBodyFeature(tee, original);
        http.Features.Set<IHttpResponseBodyFeature>(teeFeature);
        ResourceExecutedContext executed;
        try
        {
            executed = await next();
            if (executed.Exception is null)
            {
                // Flushes what went through the pipe writer (JSON answers). Not after a failure: that would start the
                // response, and the error page could no longer be written.
                await teeFeature.CompleteAsync();
            }
        }
        finally
        {
            http.Features.Set(original);
        }

        var response = http.Response;
        var keep = executed.Exception is null && !executed.Canceled && response.StatusCode == StatusCodes.Status200OK
            && tee.Copy is not null && !http.RequestAborted.IsCancellationRequested
            && !response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(WebRegistration.AntiforgeryCookie + "=", StringComparison.Ordinal));
        return keep ? new Copy(tee.Copy!.ToArray(), response.ContentType, response.Headers.ContentDisposition) : null;
    }

    private async Task<string?> KeyAsync(HttpContext http)
    {
        var request = http.Request;
        var caller = http.User.Identity?.IsAuthenticated == true
            ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.User.FindFirstValue(OpenIddictConstants.Claims.Subject)
            : null;
        if (window == TimeSpan.Zero || caller is null || !HttpMethods.IsGet(request.Method) || request.Cookies.ContainsKey(TempDataCookie))
        {
            return null;
        }

        long stamp;
        try
        {
            stamp = await ChangeStamp.ReadAsync(http.RequestServices.GetRequiredService<AppDbContext>(), http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is not answering: the page itself will say so; nothing is served or kept.
            return null;
        }

        var at = clock.GetUtcNow().UtcTicks / window.Ticks;
        return string.Join('\n', caller, request.Cookies[WebRegistration.AntiforgeryCookie], request.Path.Value, request.QueryString.Value,
            request.Headers.Accept.ToString(), stamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            at.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => copies.Dispose();

    /// <summary>A kept answer: written again with this request's own headers and cookies.</summary>
    private sealed class Copy(byte[] body, string? contentType, string? contentDisposition) : IActionResult
    {
        public byte[] Body { get; } = body;

        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            if (!string.IsNullOrEmpty(contentDisposition))
            {
                response.Headers.ContentDisposition = contentDisposition;
            }

            // As the page's own antiforgery tokens ask of the browser and any proxy: not to be stored.
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers.Pragma = "no-cache";
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Writes through to the response and keeps a copy of what passed, up to a size.</summary>
    private sealed class TeeStream(Stream inner, int limit) : Stream
    {
        public MemoryStream? Copy { get; private set; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (Copy is null)
            {
                return;
            }

            if (Copy.Length + bytes.Length > limit)
            {
                Copy = null;
                return;
            }

            Copy.Write(bytes);
        }
    }

    /// <summary>The cache's expiry follows the app's clock, as the windows do.</summary>
    private sealed class SystemClockOf(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
