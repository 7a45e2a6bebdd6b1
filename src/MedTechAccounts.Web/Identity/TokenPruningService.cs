using OpenIddict.Abstractions;

namespace MedTechAccounts.Web.Identity;

/// <summary>Removes expired and revoked tokens and authorizations once an hour (older than 14 days).</summary>
public sealed partial class TokenPruningService(IServiceProvider services, TimeProvider clock, ILogger<TokenPruningService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var threshold = clock.GetUtcNow().AddDays(-14);
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, stoppingToken);
                LogPruned(tokens, authorizations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Pruning is housekeeping: a failure is logged and retried on the next tick.
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Tokens} tokens and {Authorizations} authorizations")]
    private partial void LogPruned(long tokens, long authorizations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token pruning failed")]
    private partial void LogFailed(Exception ex);
}
