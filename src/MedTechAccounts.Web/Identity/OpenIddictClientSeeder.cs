using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MedTechAccounts.Web.Identity;

/// <summary>
/// Registers the two API clients idempotently by client id at start: <c>tablet</c> (public,
/// authorization code + PKCE + refresh tokens) and <c>integration</c> (confidential, client
/// credentials; its secret comes from configuration). Runs after the database initializer.
/// </summary>
public sealed class OpenIddictClientSeeder(IServiceProvider services, IOptions<IntegrationClientOptions> integration, IConfiguration configuration)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        var redirectUris = (configuration["SignIn:Tablet:RedirectUris"] ?? "http://localhost:5080/tablet/callback")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tablet = new OpenIddictApplicationDescriptor
        {
            ClientId = SignInRegistration.TabletClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "MedTech Accounts tablet app",
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess, Permissions.Prefixes.Scope + SignInRegistration.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in redirectUris)
        {
            tablet.RedirectUris.Add(new Uri(uri));
            tablet.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        await UpsertAsync(manager, tablet, cancellationToken);

        if (!string.IsNullOrWhiteSpace(integration.Value.ClientSecret))
        {
            await UpsertAsync(manager, new OpenIddictApplicationDescriptor
            {
                ClientId = SignInRegistration.IntegrationClientId,
                ClientSecret = integration.Value.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "ERP and service-system integration",
                Permissions =
                {
                    Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials,
                    Permissions.Prefixes.Scope + SignInRegistration.ApiScope,
                },
            }, cancellationToken);
        }
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await manager.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
