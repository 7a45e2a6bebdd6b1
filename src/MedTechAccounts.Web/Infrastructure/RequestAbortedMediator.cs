using Mediator;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedTechAccounts.Web.Infrastructure;

/// <summary>
/// The one place where a request's cancellation reaches the use cases: a message sent without a
/// token gets <see cref="HttpContext.RequestAborted"/>, so a client that gave up stops its queries.
/// A token the caller passes wins; outside a request nothing changes.
/// </summary>
public sealed class RequestAbortedMediator(IMediator inner, IHttpContextAccessor http) : IMediator
{
    /// <summary>Replaces the generated registrations of <see cref="IMediator"/>, <see cref="ISender"/> and <see cref="IPublisher"/>.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddScoped(sp => new RequestAbortedMediator(
            sp.GetRequiredService<Mediator.Mediator>(), sp.GetRequiredService<IHttpContextAccessor>()));
        services.Replace(ServiceDescriptor.Scoped<IMediator>(sp => sp.GetRequiredService<RequestAbortedMediator>()));
        services.Replace(ServiceDescriptor.Scoped<ISender>(sp => sp.GetRequiredService<RequestAbortedMediator>()));
        services.Replace(ServiceDescriptor.Scoped<IPublisher>(sp => sp.GetRequiredService<RequestAbortedMediator>()));
    }

    private CancellationToken Token(CancellationToken given) =>
        given.CanBeCanceled ? given : http.HttpContext?.RequestAborted ?? CancellationToken.None;

    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        inner.Send(request, Token(cancellationToken));

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        inner.Send(command, Token(cancellationToken));

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        inner.Send(query, Token(cancellationToken));

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) =>
        inner.Send(message, Token(cancellationToken));

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        inner.CreateStream(query, Token(cancellationToken));

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        inner.CreateStream(request, Token(cancellationToken));

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        inner.CreateStream(command, Token(cancellationToken));

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        inner.CreateStream(message, Token(cancellationToken));

    public ValueTask Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification =>
        inner.Publish(notification, Token(cancellationToken));

    public ValueTask Publish(object notification, CancellationToken cancellationToken = default) =>
        inner.Publish(notification, Token(cancellationToken));
}
