using Amazon.Runtime;

namespace Reconciler.Aws;

/// <summary>
/// Gives an SDK client an <see cref="HttpClient"/> whose handler is wrapped by <paramref name="wrapHandler"/> (see
/// <see cref="AwsClientFactory"/>): the same hook the thin clients' transport has, so both client families can be observed
/// or disturbed by tests at the HTTP layer. The SDK caches the client per SDK client and disposes it with it.
/// </summary>
internal sealed class WrappingHttpClientFactory(Func<HttpMessageHandler, HttpMessageHandler> wrapHandler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(wrapHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
        {
            Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(60),
        };

    /// <summary>Null: one cache per SDK client, disposed with it (never shared across factories).</summary>
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
