using MedTechAccounts.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Marks the pages and APIs a person who holds only the <see cref="Roles.Product"/> role may open: the customer's
/// voice by product, and their own sign-in pages. Everything else (accounts, contacts, notes) refuses them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OpenToProductAttribute : Attribute;

/// <summary>Part of every page's policy: a product-only person passes only where <see cref="OpenToProductAttribute"/> says so.</summary>
public sealed class ProductOnlyWhereOpen : IAuthorizationRequirement
{
    public static bool IsProductOnly(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Product) && !Roles.Fieldwork.Any(user.IsInRole);
}

public sealed class ProductOnlyWhereOpenHandler(IHttpContextAccessor accessor) : AuthorizationHandler<ProductOnlyWhereOpen>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ProductOnlyWhereOpen requirement)
    {
        var http = context.Resource switch
        {
            HttpContext h => h,
            AuthorizationFilterContext f => f.HttpContext,
            _ => accessor.HttpContext,
        };
        if (!ProductOnlyWhereOpen.IsProductOnly(context.User) || http?.GetEndpoint()?.Metadata.GetMetadata<OpenToProductAttribute>() is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
