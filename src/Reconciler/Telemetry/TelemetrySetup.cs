using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Reconciler.Telemetry;

/// <summary>
/// OpenTelemetry for <c>reconciler run</c>: the controller's meter (<see cref="Controller.ControllerMetrics"/>), .NET
/// runtime and HttpClient metrics, exported in Prometheus format at /metrics; the controller's spans
/// (<see cref="ReconcilerTelemetry"/>) and HttpClient's. Tracing is always on, so that each pass has a trace id for its log
/// events; spans leave the process only through OTLP, and only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the exporter reads it and the other OTEL_EXPORTER_OTLP_* variables itself).
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "reconciler"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ReconcilerTelemetry.Name)
                    .AddRuntimeInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(ReconcilerTelemetry.Name).AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    /// <summary>Serves /metrics from the OpenTelemetry Prometheus exporter (text format, or OpenMetrics when asked for).</summary>
    public static void Map(WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
