using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Reconciler.Aws;
using Reconciler.Aws.Budget;

namespace Reconciler.Controller;

/// <summary>
/// The controller's metrics in Prometheus text format: reconciles by outcome, a duration histogram, drifted fields,
/// AWS calls by service, operation and outcome (every attempt, from <see cref="AwsCallMetrics"/>), throttles, queue depth.
/// </summary>
internal sealed class ControllerMetrics(AwsCallMetrics aws, Func<int> queueDepth, StatusStore statuses, ApiBudget? budget = null)
{
    private static readonly double[] Buckets = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];
    private static readonly HashSet<string> ThrottleCodes = new(StringComparer.Ordinal)
    {
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException", "PriorRequestNotComplete", "SlowDown",
    };

    private readonly ConcurrentDictionary<string, long> _reconciles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _drift = new(StringComparer.Ordinal);
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private readonly object _histogram = new();
    private double _durationSum;
    private long _durationCount;

    public void Reconciled(string outcome, TimeSpan duration, IEnumerable<DriftRecord> drift)
    {
        _reconciles.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        foreach (var record in drift)
        {
            _drift.AddOrUpdate(record.Action, 1, (_, n) => n + 1);
        }

        lock (_histogram)
        {
            _durationSum += duration.TotalSeconds;
            _durationCount++;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (duration.TotalSeconds <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }
        }
    }

    public string Render()
    {
        var text = new StringBuilder();
        Header(text, "reconciler_reconciles_total", "counter", "Reconciles by outcome");
        foreach (var (outcome, n) in _reconciles.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append("reconciler_reconciles_total{outcome=\"").Append(Escape(outcome)).Append("\"} ").Append(n).Append('\n');
        }

        Header(text, "reconciler_reconcile_duration_seconds", "histogram", "Duration of a reconcile pass");
        lock (_histogram)
        {
            for (var i = 0; i < Buckets.Length; i++)
            {
                text.Append("reconciler_reconcile_duration_seconds_bucket{le=\"").Append(Buckets[i].ToString(CultureInfo.InvariantCulture)).Append("\"} ").Append(_bucketCounts[i]).Append('\n');
            }

            text.Append("reconciler_reconcile_duration_seconds_bucket{le=\"+Inf\"} ").Append(_durationCount).Append('\n');
            text.Append("reconciler_reconcile_duration_seconds_sum ").Append(_durationSum.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("reconciler_reconcile_duration_seconds_count ").Append(_durationCount).Append('\n');
        }

        Header(text, "reconciler_drifted_fields_total", "counter", "Drifted fields found, by what was done");
        foreach (var (action, n) in _drift.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.Append("reconciler_drifted_fields_total{action=\"").Append(Escape(action)).Append("\"} ").Append(n).Append('\n');
        }

        var calls = aws.Snapshot();
        Header(text, "reconciler_aws_calls_total", "counter", "AWS call attempts by service, operation and outcome");
        foreach (var ((service, operation, outcome), n) in calls.OrderBy(k => k.Key))
        {
            text.Append("reconciler_aws_calls_total{service=\"").Append(Escape(service)).Append("\",operation=\"").Append(Escape(operation))
                .Append("\",outcome=\"").Append(Escape(outcome)).Append("\"} ").Append(n).Append('\n');
        }

        Header(text, "reconciler_aws_throttles_total", "counter", "AWS calls answered with a throttling error");
        text.Append("reconciler_aws_throttles_total ").Append(calls.Where(c => ThrottleCodes.Contains(c.Key.Outcome)).Sum(c => c.Value)).Append('\n');
        if (budget is not null)
        {
            var waits = budget.Waits();
            Header(text, "reconciler_api_budget_waits_total", "counter", "AWS calls that waited for the client-side API budget, by bucket");
            foreach (var (bucket, (n, _)) in waits.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                text.Append("reconciler_api_budget_waits_total{bucket=\"").Append(Escape(bucket)).Append("\"} ").Append(n).Append('\n');
            }

            Header(text, "reconciler_api_budget_throttled_total", "counter", "Throttling answers received despite the budget (the bucket then stops bursting), by bucket");
            foreach (var (bucket, n) in budget.ThrottledCalls().OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                text.Append("reconciler_api_budget_throttled_total{bucket=\"").Append(Escape(bucket)).Append("\"} ").Append(n).Append('\n');
            }

            Header(text, "reconciler_api_budget_wait_seconds_total", "counter", "Time AWS calls waited for the client-side API budget, by bucket");
            foreach (var (bucket, (_, waited)) in waits.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                text.Append("reconciler_api_budget_wait_seconds_total{bucket=\"").Append(Escape(bucket)).Append("\"} ")
                    .Append(waited.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        Header(text, "reconciler_queue_depth", "gauge", "Environments waiting in the work queue");
        text.Append("reconciler_queue_depth ").Append(queueDepth()).Append('\n');
        Header(text, "reconciler_environments", "gauge", "Environments by last result");
        foreach (var group in statuses.All.GroupBy(s => s.Result).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append("reconciler_environments{result=\"").Append(Escape(group.Key)).Append("\"} ").Append(group.Count()).Append('\n');
        }

        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
