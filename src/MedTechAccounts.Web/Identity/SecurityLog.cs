using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// The security events an auditor reads: sign-in successes and failures, and authorization refusals, each with the
/// time, the user (id and e-mail of a known account; never the text typed into the form) and the client's address.
/// Passwords, codes, tokens and notes are never part of an event.
/// </summary>
public sealed partial class SecurityLog(ILogger<SecurityLog> logger, TimeProvider clock)
{
    public void SignInSucceeded(ApplicationUser user, HttpContext context, string method) =>
        LogSignInSucceeded(logger, clock.GetUtcNow(), user.Id, user.Email, Address(context), method);

    /// <summary>A refused sign-in; <paramref name="user"/> is null for an e-mail that matches no account.</summary>
    public void SignInFailed(ApplicationUser? user, HttpContext context, string reason) =>
        LogSignInFailed(logger, clock.GetUtcNow(), user?.Id.ToString() ?? "(unknown e-mail)", user?.Email, Address(context), reason);

    // The path only: a query string may carry search text.
    public void Refused(HttpContext context, int status) =>
        LogRefused(logger, clock.GetUtcNow(), status, context.Request.Method, context.Request.Path.Value,
            context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? context.User.FindFirst("sub")?.Value ?? "(anonymous)",
            Address(context));

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "(unknown)";

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Sign-in succeeded at {At:O}: user {UserId} ({Email}) from {Address} with {Method}")]
    private static partial void LogSignInSucceeded(ILogger logger, DateTimeOffset at, Guid userId, string? email, string address, string method);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Sign-in refused at {At:O}: user {UserId} ({Email}) from {Address}: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, DateTimeOffset at, string userId, string? email, string address, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Authorization refused at {At:O}: {Status} for {Method} {Path}, user {UserId} from {Address}")]
    private static partial void LogRefused(ILogger logger, DateTimeOffset at, int status, string method, string? path, string userId, string address);
}

/// <summary>Logs each 403 (and each challenge of a signed-in caller) through <see cref="SecurityLog"/>, then answers as ASP.NET Core does.</summary>
public sealed class LoggedAuthorizationResults(SecurityLog log) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            log.Refused(context, StatusCodes.Status403Forbidden);
        }
        else if (authorizeResult.Challenged && context.Request.Headers.Authorization.Count > 0)
        {
            // A bearer that did not authenticate (expired, revoked, forged); an anonymous page visit is not an event.
            log.Refused(context, StatusCodes.Status401Unauthorized);
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
