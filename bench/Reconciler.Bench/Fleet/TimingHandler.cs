using System.Diagnostics;

namespace Reconciler.Bench.Fleet;

/// <summary>
/// Wraps the engine's HTTP handlers (AwsComposition's wrapHandler hook) and times every request by service and
/// operation, the way AwsCallMetrics counts them: the latency that a call on a dependency chain costs.
/// </summary>
internal sealed class TimingHandler(HttpMessageHandler inner, CallTimings timings) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (service, operation) = await OperationNames.OfAsync(request, cancellationToken).ConfigureAwait(false);
        var serial = timings.Serial;
        if (serial)
        {
            await timings.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            timings.Rates.Record(service, operation);
            var started = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            timings.Record(service, operation, Stopwatch.GetElapsedTime(started));
            timings.Timeline.Add(started, FormattableString.Invariant($"{service}:{operation} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms"));
            return response;
        }
        finally
        {
            if (serial)
            {
                timings.Gate.Release();
            }
        }
    }
}
