using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using Reconciler.Aws;
using Reconciler.Aws.Budget;
using Reconciler.Controller;
using Reconciler.Model.Graph;

namespace Reconciler.Tests.Telemetry;

/// <summary>
/// The controller's instruments as the OpenTelemetry Prometheus exporter shows them at /metrics: every metric the
/// hand-written text had keeps its name (docs/telemetry.md), labels and meaning. Each test has a meter of its own name,
/// so instruments of controllers other tests run meanwhile do not mix in.
/// </summary>
public sealed class ControllerMetricsTests
{
    [Fact]
    public async Task Reconciled_Should_BeScrapedUnderTheOldPrometheusNames_When_TheExporterServesMetrics()
    {
        var meterName = "Reconciler.Tests." + Guid.NewGuid().ToString("N");
        var aws = new AwsCallMetrics();
        aws.Record("ec2", "DescribeVpcs", "ok");
        aws.Record("ec2", "DescribeVpcs", "ok");
        aws.Record("ec2", "CreateVpc", "RequestLimitExceeded");
        aws.Record("ecs", "CreateService", "AccessDeniedException");
        var time = new FakeTimeProvider();
        var budget = new ApiBudget(time, scale: 0.01); // a burst of one: the second call waits
        await budget.AcquireAsync("ec2", "eu-west-1", "DescribeVpcs", CancellationToken.None);
        var waiting = budget.AcquireAsync("ec2", "eu-west-1", "DescribeVpcs", CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(10));
        await waiting;
        budget.Throttled("ec2", "eu-west-1", "CreateVpc");
        var statuses = new StatusStore();
        statuses.Set(new EnvironmentStatus("a", "a.yaml", "enforce", "in sync", null, 1, 0, 0, 0, [], []));
        statuses.Set(new EnvironmentStatus("b", "b.yaml", "enforce", "in sync", null, 1, 0, 0, 0, [], []));
        statuses.Set(new EnvironmentStatus("c", "c.yaml", "detect", "drifted", null, 1, 2, 0, 0, [], []) { Target = new AwsTarget("eu-west-1", "222222222222") });
        // The exporter listens first: measurements of a synchronous instrument made before anyone listens are not kept.
        await using var exporter = await ExporterAsync(meterName);
        using var metrics = new ControllerMetrics(aws, () => 3, statuses, budget, meterName);
        metrics.Reconciled("in sync", TimeSpan.FromSeconds(0.3), []);
        metrics.Reconciled("repaired", TimeSpan.FromSeconds(4), [Drift("repaired"), Drift("repaired"), Drift("reported")], new AwsTarget("eu-west-1", "111111111111"));

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(new Uri(exporter.Urls.First()), "/metrics"));

        Assert.Contains("# TYPE reconciler_reconciles_total counter", text, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "reconciler_reconciles_total", "outcome=\"in sync\""));
        Assert.Equal(1, Value(text, "reconciler_reconciles_total", "outcome=\"repaired\""));
        Assert.Contains("# TYPE reconciler_reconcile_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "reconciler_reconcile_duration_seconds_bucket", "account=\"default\",le=\"0.5\""));
        Assert.Equal(0, Value(text, "reconciler_reconcile_duration_seconds_bucket", "account=\"111111111111\",le=\"2\""));
        Assert.Equal(1, Value(text, "reconciler_reconcile_duration_seconds_bucket", "account=\"111111111111\",le=\"5\""));
        Assert.Equal(1, Value(text, "reconciler_reconcile_duration_seconds_count", "account=\"default\""));
        Assert.Equal(4, Value(text, "reconciler_reconcile_duration_seconds_sum", "account=\"111111111111\""), 6);
        Assert.Equal(2, Value(text, "reconciler_drifted_fields_total", "action=\"repaired\""));
        Assert.Equal(1, Value(text, "reconciler_drifted_fields_total", "action=\"reported\""));
        Assert.Equal(2, Value(text, "reconciler_aws_calls_total", "operation=\"DescribeVpcs\",outcome=\"ok\",service=\"ec2\""));
        Assert.Equal(1, Value(text, "reconciler_aws_calls_total", "operation=\"CreateVpc\",outcome=\"RequestLimitExceeded\",service=\"ec2\""));
        Assert.Equal(1, Value(text, "reconciler_aws_throttles_total", null)); // AccessDenied is no throttle
        Assert.Equal(1, Value(text, "reconciler_api_budget_waits_total", "bucket=\"ec2:DescribeVpcs\""));
        Assert.Equal(1, Value(text, "reconciler_api_budget_throttled_total", "bucket=\"ec2:CreateVpc\""));
        Assert.True(Value(text, "reconciler_api_budget_wait_seconds_total", "bucket=\"ec2:DescribeVpcs\"") > 0);
        Assert.Equal(3, Value(text, "reconciler_queue_depth", null));
        Assert.Equal(2, Value(text, "reconciler_environments", "result=\"in sync\""));
        Assert.Equal(1, Value(text, "reconciler_environments", "result=\"drifted\""));

        // Issue 15: each environment's account is a label (spec.account.id; "default" on the controller's own credentials).
        Assert.Equal(1, Value(text, "reconciler_reconciles_total", "account=\"111111111111\",outcome=\"repaired\""));
        Assert.Equal(1, Value(text, "reconciler_reconciles_total", "account=\"default\",outcome=\"in sync\""));
        Assert.Equal(2, Value(text, "reconciler_drifted_fields_total", "account=\"111111111111\",action=\"repaired\""));
        Assert.Equal(1, Value(text, "reconciler_reconcile_duration_seconds_count", "account=\"111111111111\""));
        Assert.Equal(1, Value(text, "reconciler_environments", "account=\"222222222222\",result=\"drifted\""));
        Assert.Equal(2, Value(text, "reconciler_environments", "account=\"default\",result=\"in sync\""));
    }

    private static DriftRecord Drift(string action) => new("env", "vpc/main", "vpc-1", "cidr", "10.0.0.0/16", "10.1.0.0/16", action);

    /// <summary>Serves the meter through the OpenTelemetry Prometheus exporter on a local port, as the controller's host does.</summary>
    private static async Task<WebApplication> ExporterAsync(string meterName)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(meterName).AddPrometheusExporter());
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The value of the one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (the exporter
    /// adds its scope labels, otel_scope_name and the like, and sorts them); null labels: the sample with none of ours.
    /// </summary>
    internal static double Value(string text, string name, string? labels)
    {
        var samples = text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels is null || line.Contains(labels, StringComparison.Ordinal))
            .ToList();
        var sample = Assert.Single(samples);
        var value = sample[(sample.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
