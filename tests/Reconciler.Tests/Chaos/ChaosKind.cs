namespace Reconciler.Tests.Chaos;

/// <summary>What <see cref="ChaosInjector"/> injects instead of sending a request.</summary>
internal enum ChaosKind
{
    /// <summary>The service's throttling error (RequestLimitExceeded, Throttling, ThrottlingException, SlowDown).</summary>
    Throttle,

    /// <summary>HTTP 503 ServiceUnavailable.</summary>
    Unavailable,

    /// <summary>The connection reset before the request left: an <see cref="HttpRequestException"/>.</summary>
    ConnectionReset,
}
