using System.Collections.Concurrent;
using MedTechAccounts.Core.Data;
using MedTechAccounts.Core.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;

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
/// carry tokens bound to it), the path and query and the Accept header, and holds the <see cref="ChangeStamp"/> read
/// at the start of the request that made it: a write anywhere, on any node, moves the stamp and every copy made
/// before it is computed again. A copy is also made again once <c>PageCache:Seconds</c> have passed (default 10; 0
/// turns the cache off), which bounds what no audit entry announces (the clock turning a due date into "overdue", a
/// user's display name) and, on PostgreSQL, a write that commits after a later one (its audit id is below a stamp a
/// reader already saw); while one request of the caller makes the new copy, their other requests get the old one
/// (never past two windows). Concurrent requests for a copy that is missing or older than a write wait for the
/// first one instead of all computing it.
/// Authorization has run before this filter, so a copy is never served to a caller who may no longer open the page.
/// Only the body and its content type are kept: cookies and every other header are made anew for each request.
/// A response that is not a 200, answers a request carrying a form message (TempData) or issues a new antiforgery
/// cookie is not kept.
/// </summary>
public sealed class PageCache : IAsyncResourceFilter, IDisposable
{
    /// <summary>Larger answers (a big export) are sent but not kept.</summary>
    private const int MaxBodyBytes = 4 << 20;

    private static readonly string TempDataCookie = CookieTempDataProvider.CookieName;

    private static readonly object FreshIdKey = new();

    private readonly TimeProvider clock;
    private readonly TimeSpan window;
    private readonly MemoryCache copies;
    private readonly ConcurrentDictionary<(string Key, long Stamp), Task<Copy?>> computing = new();

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

    /// <summary>
    /// Asks that every copy of this response carry a new value in place of <paramref name="id"/>: a form's id that
    /// makes its double submit one record must differ between two forms, also when both come from one copy.
    /// </summary>
    public static void RenewOnEachServe(HttpContext http, Guid id) => http.Items[FreshIdKey] = id;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (await KeyAsync(http) is not var (key, stamp))
        {
            await next();
            return;
        }

        // Same stamp: nothing written since the copy was made. Within its window it is served; past it, while one
        // request of this caller makes the next copy, the caller's other requests get this one rather than all
        // waiting (so a copy is at most two windows old, and never older than a write the stamp announced).
        var flight = (key, stamp);
        var age = copies.TryGetValue(key, out Copy? kept) && kept!.Stamp == stamp ? clock.GetUtcNow() - kept.MadeAt : TimeSpan.MaxValue;
        if (age < window || (age < 2 * window && computing.ContainsKey(flight)))
        {
            context.Result = kept!;
            return;
        }

        var mine = new TaskCompletionSource<Copy?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = computing.GetOrAdd(flight, mine.Task);
        if (running != mine.Task)
        {
            if (age < 2 * window)
            {
                context.Result = kept!;
            }
            else if (await running.WaitAsync(http.RequestAborted) is { } made)
            {
                context.Result = made;
            }
            else
            {
                await next();
            }

            return;
        }

        Copy? copy = null;
        try
        {
            copy = await ComputeAsync(http, next, stamp, clock.GetUtcNow());
            if (copy is not null)
            {
                copies.Set(key, copy, new MemoryCacheEntryOptions
                {
                    AbsoluteExpirationRelativeToNow = 2 * window,
                    Size = copy.Body.Length + key.Length * 2L,
                });
            }
        }
        finally
        {
            mine.SetResult(copy);
            computing.TryRemove(KeyValuePair.Create(flight, mine.Task));
        }
    }

    /// <summary>Runs the action with its body copied on the way out; the copy when it may be kept.</summary>
    private static async Task<Copy?> ComputeAsync(HttpContext http, ResourceExecutionDelegate next, long stamp, DateTimeOffset at)
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
        return keep
            ? new Copy(tee.Copy!.ToArray(), response.ContentType, response.Headers.ContentDisposition, stamp, at, http.Items[FreshIdKey] as Guid?)
            : null;
    }

    private async Task<(string Key, long Stamp)?> KeyAsync(HttpContext http)
    {
        var request = http.Request;
        var caller = http.User.Identity?.IsAuthenticated == true ? http.RequestServices.GetRequiredService<ICurrentUser>().UserId : null;
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

        var key = string.Join('\n', caller, request.Cookies[WebRegistration.AntiforgeryCookie], request.Path.Value, request.QueryString.Value,
            request.Headers.Accept.ToString());
        return (key, stamp);
    }

    public void Dispose() => copies.Dispose();

    /// <summary>A kept answer: written again with this request's own headers and cookies (and a fresh id if it has one).</summary>
    private sealed class Copy(byte[] body, string? contentType, string? contentDisposition, long stamp, DateTimeOffset madeAt, Guid? freshId)
        : IActionResult
    {
        private readonly byte[]? placeholder = freshId is { } id ? System.Text.Encoding.ASCII.GetBytes(id.ToString()) : null;

        public byte[] Body { get; } = body;

        public long Stamp { get; } = stamp;

        public DateTimeOffset MadeAt { get; } = madeAt;

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
            var body = placeholder is null ? Body : WithFreshId(Body, placeholder);
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }

        /// <summary>The body with every occurrence of the kept id replaced by a new one (same length: a Guid's text).</summary>
        private static byte[] WithFreshId(byte[] body, byte[] placeholder)
        {
            var copy = (byte[])body.Clone();
            var fresh = System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString());
            var span = copy.AsSpan();
            for (var at = span.IndexOf(placeholder); at >= 0; at = span.IndexOf(placeholder))
            {
                fresh.CopyTo(span[at..]);
                span = span[(at + fresh.Length)..];
            }

            return copy;
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
