using System.Security.Claims;
using MedTechAccounts.Core.Infrastructure;
using OpenIddict.Abstractions;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>The person behind the request: from the cookie or the bearer token, same claims either way.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId
    {
        get
        {
            var id = Principal?.FindFirstValue(ClaimTypes.NameIdentifier) ?? Principal?.FindFirstValue(OpenIddictConstants.Claims.Subject);
            return Guid.TryParse(id, out var userId) ? userId : null;
        }
    }

    public string Name =>
        Principal?.Identity?.IsAuthenticated == true
            ? Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.FindFirstValue(OpenIddictConstants.Claims.Email)
              ?? Principal.Identity.Name ?? Principal.FindFirstValue(OpenIddictConstants.Claims.ClientId) ?? "unknown"
            : "anonymous";

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    /// <summary>A confidential integration client (client credentials) acts for the whole company.</summary>
    public bool IsSystem => Principal?.Identity?.IsAuthenticated == true
        && UserId is null
        && Principal.FindFirstValue(OpenIddictConstants.Claims.ClientId) is not null
        && Principal.IsInRole(SignInRoles.Integration);
}

public static class SignInRoles
{
    /// <summary>Role claim carried by tokens issued to the integration client.</summary>
    public const string Integration = "Integration";
}
