using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Controller;
using Reconciler.Telemetry;
using Reconciler.Tests.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Telemetry;

/// <summary>
/// <c>reconciler run</c>'s host on moto_server: /metrics comes from the OpenTelemetry Prometheus exporter with the
/// reconcile, drift, AWS-call and queue metrics plus runtime and HttpClient ones, and with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the pass's spans leave through OTLP (to a receiver this test runs).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerHostTests
{
    [Fact]
    public async Task Build_Should_ServeOpenTelemetryMetricsAndExportSpansThroughOtlp_When_APassHasRun()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var env = TestSpecs.UniqueName("otlp");
        var dir = Directory.CreateTempSubdirectory("reconciler-host-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, env + ".yaml"), ControllerRig.SmallSpec(env));
        Environment.SetEnvironmentVariable(TelemetrySetup.OtlpEndpointVariable, receiver.Url);
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        string metrics;
        EnvironmentStatus converged;
        try
        {
            var options = new ControllerOptions([dir], [], TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(500), 2, "http://127.0.0.1:0");
            var app = ControllerHost.Build(options, TimeProvider.System, verbose: false);
            await using (app)
            {
                await app.StartAsync();
                var statuses = app.Services.GetRequiredService<StatusStore>();
                converged = await StatusWait.Until(statuses, env, s => s.Result is "repaired" or "in sync" && s.WaitingFor.Count == 0, () => "(the host logs to the console)");
                using var http = new HttpClient();
                metrics = await http.GetStringAsync(new Uri(new Uri(app.Urls.First()), "/metrics"));
                await app.StopAsync();
            }

            // Disposed: the batch exporter has sent what it held.
        }
        finally
        {
            Environment.SetEnvironmentVariable(TelemetrySetup.OtlpEndpointVariable, null);
            Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL", null);
            Directory.Delete(dir, recursive: true);
        }

        Assert.True(ControllerMetricsTests.Value(metrics, "reconciler_reconciles_total", "outcome=\"repaired\"") >= 1, metrics);
        Assert.Contains("reconciler_reconcile_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE reconciler_drifted_fields_total counter", metrics, StringComparison.Ordinal);
        Assert.True(ControllerMetricsTests.Value(metrics, "reconciler_aws_calls_total", "operation=\"CreateVpc\",outcome=\"ok\",service=\"ec2\"") >= 1);
        Assert.Contains("reconciler_aws_throttles_total", metrics, StringComparison.Ordinal);
        Assert.InRange(ControllerMetricsTests.Value(metrics, "reconciler_queue_depth", null), 0, 1); // the environment's next resync may be counted
        Assert.Equal(1, ControllerMetricsTests.Value(metrics, "reconciler_environments", $"result=\"{converged.Result}\""));
        Assert.Contains("\nhttp_client_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal); // HttpClient instrumentation
        Assert.Contains("\ndotnet_gc_collections_total{", metrics, StringComparison.Ordinal); // runtime instrumentation

        var traces = receiver.Bodies("/v1/traces");
        Assert.NotEmpty(traces);
        // OTLP/protobuf keeps strings as UTF-8: the pass span's name and the step's are there.
        var all = string.Concat(traces.Select(Encoding.UTF8.GetString));
        Assert.Contains("reconcile " + env, all, StringComparison.Ordinal);
        Assert.Contains("create vpc/main", all, StringComparison.Ordinal);
    }

    /// <summary>An OTLP/HTTP receiver on a local port: keeps each request's body by path, answers 200.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _requests = new();
        private WebApplication? _app;

        public string Url => _app!.Urls.First();

        public static async Task<OtlpReceiver> StartAsync()
        {
            var receiver = new OtlpReceiver();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            receiver._app = builder.Build();
            receiver._app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                receiver._requests.Enqueue((request.Path.Value ?? string.Empty, body.ToArray()));
                return Results.Ok();
            });
            await receiver._app.StartAsync();
            return receiver;
        }

        public List<byte[]> Bodies(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

        public async ValueTask DisposeAsync() => await _app!.DisposeAsync();
    }
}
