namespace Reconciler.Tests.Chaos;

/// <summary>The HTTP handler that lets <see cref="ChaosInjector"/> decide, per request, between a fault and the real send.</summary>
internal sealed class ChaosHandler(HttpMessageHandler inner, ChaosInjector injector) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        injector.SendAsync(request, base.SendAsync, cancellationToken);
}
