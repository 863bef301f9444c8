using System.Collections.Concurrent;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Outcomes;

namespace Reconciler.Tests.Chaos;

/// <summary>
/// Disturbs AWS traffic at the HTTP layer with Polly's chaos strategies (Simmy): a share of requests gets the service's
/// throttling error, a 503, or a connection reset, INSTEAD of being sent, so an injected fault never changes AWS (faults
/// after a request was applied are another matter, not simulated here). Counts calls and injected faults by kind and by
/// signing service. One injector serves every handler <see cref="Wrap"/> makes: the thin clients' and each SDK client's,
/// through <c>AwsComposition</c>'s <c>wrapHandler</c>.
/// </summary>
internal sealed class ChaosInjector
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("chaos.request");

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ConcurrentDictionary<(ChaosKind Kind, string Service), int> _injected = new();
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private int _calls;
    private int _sent;

    public ChaosInjector(ChaosRates rates)
    {
        _random = new Random(rates.Seed);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (rates.Throttle > 0)
        {
            builder.AddChaosOutcome(Outcome(ChaosKind.Throttle, rates.Throttle, AwsFaultResponses.Throttle));
        }

        if (rates.Unavailable > 0)
        {
            builder.AddChaosOutcome(Outcome(ChaosKind.Unavailable, rates.Unavailable, AwsFaultResponses.Unavailable));
        }

        if (rates.ConnectionReset > 0)
        {
            builder.AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRate = rates.ConnectionReset,
                Randomizer = Next,
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(
                    new HttpRequestException("Connection reset by peer (injected)", new IOException("Connection reset by peer (injected)"))),
                OnFaultInjected = args =>
                {
                    Count(ChaosKind.ConnectionReset, args.Context);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>The hook for <c>AwsComposition</c>: a <see cref="ChaosHandler"/> over the real handler.</summary>
    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new ChaosHandler(inner, this);

    /// <summary>Requests that reached the handlers.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Requests really sent to the server.</summary>
    public int Sent => Volatile.Read(ref _sent);

    public IReadOnlyDictionary<(ChaosKind Kind, string Service), int> Injected => new Dictionary<(ChaosKind, string), int>(_injected);

    public int InjectedOf(ChaosKind kind) => _injected.Where(kv => kv.Key.Kind == kind).Sum(kv => kv.Value);

    public int InjectedTotal => _injected.Values.Sum();

    /// <summary>Runs one request through the chaos pipeline: an injected fault, or <paramref name="send"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    Interlocked.Increment(ref state.Self._sent);
                    return await state.Send(state.Request, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Self: this, Request: request, Send: send)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ChaosOutcomeStrategyOptions<HttpResponseMessage> Outcome(ChaosKind kind, double rate, Func<HttpRequestMessage, HttpResponseMessage> response) => new()
    {
        InjectionRate = rate,
        Randomizer = Next,
        OutcomeGenerator = args => ValueTask.FromResult<Outcome<HttpResponseMessage>?>(
            Polly.Outcome.FromResult(response(args.Context.Properties.GetValue(RequestKey, null!)))),
        OnOutcomeInjected = args =>
        {
            Count(kind, args.Context);
            return ValueTask.CompletedTask;
        },
    };

    private void Count(ChaosKind kind, ResilienceContext context)
    {
        var service = context.Properties.TryGetValue(RequestKey, out var request) ? AwsFaultResponses.SigningService(request) : "?";
        _injected.AddOrUpdate((kind, service), 1, (_, n) => n + 1);
    }

    private double Next()
    {
        lock (_randomLock)
        {
            return _random.NextDouble();
        }
    }
}
