using System.Diagnostics.Metrics;
using Reconciler.Aws;
using Reconciler.Aws.Budget;
using Reconciler.Model.Graph;
using Reconciler.Telemetry;

namespace Reconciler.Controller;

/// <summary>
/// The controller's metrics as <see cref="System.Diagnostics.Metrics"/> instruments, exported in Prometheus format at
/// /metrics by the OpenTelemetry exporter (<see cref="TelemetrySetup"/>): reconciles by outcome, a duration histogram,
/// drifted fields, AWS calls by service, operation and outcome (every attempt, from <see cref="AwsCallMetrics"/>),
/// throttles, the client-side API budget, queue depth and environments by result. Instrument names are chosen so that
/// the exporter's names (dots to underscores, the unit's suffix, <c>_total</c> on counters) are the ones the hand-written
/// text had: docs/telemetry.md lists them. The naming rules are OpenTelemetry's Prometheus compatibility spec
/// (opentelemetry-specification, compatibility/prometheus_and_openmetrics.md: unit suffix, <c>_total</c> on monotonic
/// sums, a unit in braces dropped, as fixed in open-telemetry/opentelemetry-dotnet#4742); ControllerMetricsTests checks them. What already keeps its own tally (AWS calls, the budget, the queue, the status
/// store) is observed when the exporter collects, so nothing is counted twice.
/// </summary>
/// <param name="meterName">
/// The meter's name: <see cref="ReconcilerTelemetry.Name"/>, the one the host exports. Null (tests): a name of its own
/// that no provider subscribes to, so that the controllers tests run in parallel never mix into an exported /metrics.
/// </param>
internal sealed class ControllerMetrics : IDisposable
{
    /// <summary>The old exposition's buckets, kept so that dashboards and alerts on the histogram keep working.</summary>
    private static readonly double[] Buckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "PriorRequestNotComplete", "SlowDown",
    };

    private readonly Meter _meter;
    private readonly Counter<long> _reconciles;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _drift;

    public ControllerMetrics(AwsCallMetrics aws, Func<int> queueDepth, StatusStore statuses, ApiBudget? budget = null, string? meterName = null)
    {
        _meter = new Meter(meterName ?? $"{ReconcilerTelemetry.Name}.{Guid.NewGuid():N}");
        _reconciles = _meter.CreateCounter<long>("reconciler.reconciles", "{reconcile}", "Reconciles by outcome");
        _duration = _meter.CreateHistogram("reconciler.reconcile.duration", "s", "Duration of a reconcile pass",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _drift = _meter.CreateCounter<long>("reconciler.drifted_fields", "{field}", "Drifted fields found, by what was done");
        _meter.CreateObservableCounter("reconciler.aws.calls", () => aws.Snapshot().Select(c => new Measurement<long>(c.Value,
            Tag("service", c.Key.Service), Tag("operation", c.Key.Operation), Tag("outcome", c.Key.Outcome))), "{call}",
            "AWS call attempts by service, operation and outcome");
        _meter.CreateObservableCounter("reconciler.aws.throttles", () => aws.Snapshot().Where(c => ThrottleCodes.Contains(c.Key.Outcome)).Sum(c => c.Value),
            "{call}", "AWS calls answered with a throttling error");
        if (budget is not null)
        {
            _meter.CreateObservableCounter("reconciler.api_budget.waits", () => budget.Waits().Select(w => new Measurement<long>(w.Value.Calls, Tag("bucket", w.Key))),
                "{call}", "AWS calls that waited for the client-side API budget, by bucket");
            _meter.CreateObservableCounter("reconciler.api_budget.throttled", () => budget.ThrottledCalls().Select(t => new Measurement<long>(t.Value, Tag("bucket", t.Key))),
                "{call}", "Throttling answers received despite the budget (the bucket then stops bursting), by bucket");
            _meter.CreateObservableCounter("reconciler.api_budget.wait", () => budget.Waits().Select(w => new Measurement<double>(w.Value.Waited.TotalSeconds, Tag("bucket", w.Key))),
                "s", "Time AWS calls waited for the client-side API budget, by bucket");
        }

        _meter.CreateObservableGauge("reconciler.queue.depth", queueDepth, "{environment}", "Environments waiting in the work queue");
        _meter.CreateObservableGauge("reconciler.environments", () => statuses.All.GroupBy(s => (s.Result, Account: AccountOf(s.Target)))
            .Select(g => new Measurement<int>(g.Count(), Tag("result", g.Key.Result), Tag("account", g.Key.Account))), "{environment}",
            "Environments by last result and account");
    }

    /// <summary>The meter every instrument above belongs to (tests listen to it alone).</summary>
    public Meter Meter => _meter;

    /// <param name="target">Where the environment lives: its account becomes the <c>account</c> label (issue 15).</param>
    public void Reconciled(string outcome, TimeSpan duration, IEnumerable<DriftRecord> drift, AwsTarget? target = null)
    {
        var account = Tag("account", AccountOf(target));
        _reconciles.Add(1, Tag("outcome", outcome), account);
        _duration.Record(duration.TotalSeconds, account);
        foreach (var record in drift)
        {
            _drift.Add(1, Tag("action", record.Action), account);
        }
    }

    /// <summary>
    /// The <c>account</c> label: <c>spec.account.id</c>, else the account of the role it assumes, else <c>default</c>
    /// (the controller's own credentials, whose account the controller does not look up for a label).
    /// </summary>
    internal static string AccountOf(AwsTarget? target) => target?.AccountId ?? target?.RoleAccount ?? "default";

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
