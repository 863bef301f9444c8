using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Engine;
using Reconciler.Leases;
using Serilog;

namespace Reconciler.Controller;

/// <summary>
/// <c>reconciler run</c>: the long-running .NET host. Configuration is the usual .NET one (appsettings.json,
/// environment variables, Serilog's section); the HTTP listener (only with --listen) serves /healthz, /readyz,
/// /metrics (Prometheus, from OpenTelemetry: docs/telemetry.md), /status (JSON), POST /resync[?environment=NAME] and
/// the dashboard (/, /environments/NAME, /events; see <see cref="Web.DashboardEndpoints"/>).
/// </summary>
internal static class ControllerHost
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplication Build(ControllerOptions options, TimeProvider time, bool verbose)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddEnvironmentVariables();
        // The RECONCILER_* variables, bound once from the host's configuration; every consumer gets them from here.
        var settings = ReconcilerSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSerilog((services, config) => Cli.Logging.Configure(config, builder.Configuration, verbose, settings.LogFormat));
        Telemetry.TelemetrySetup.Add(builder.Services, builder.Configuration);
        if (options.Listen is { } listen)
        {
            builder.WebHost.UseUrls(listen);
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new AwsComposition(sp.GetRequiredService<ILoggerFactory>(), time, settings: sp.GetRequiredService<ReconcilerSettings>()));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<AwsComposition>().Engine);
        var catalog = new SpecCatalog(time, options.PruneGrace, options.MaxPruneFraction);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(new StatusStore(time, catalog));
        builder.Services.AddSingleton(new Web.DashboardHistory(time));
        builder.Services.AddSingleton(sp => new WorkQueue(time, options.Backoff));
        builder.Services.AddSingleton<IReadOnlyList<ISpecSource>>(sp => Sources(options, time, sp.GetRequiredService<AwsComposition>()));
        builder.Services.AddSingleton(sp => new ControllerMetrics(
            sp.GetRequiredService<AwsComposition>().Metrics,
            () => sp.GetRequiredService<WorkQueue>().Depth,
            sp.GetRequiredService<StatusStore>(),
            sp.GetRequiredService<AwsComposition>().Budget,
            Telemetry.ReconcilerTelemetry.Name));
        if (options.Leases is { } leases)
        {
            builder.Services.AddSingleton(sp =>
            {
                var aws = sp.GetRequiredService<AwsComposition>();
                var store = new LeaseStore(aws.DynamoDb(Aws.AwsClientFactory.DefaultRegion()), aws.Runner, leases, time);
                return new LeaseCoordinator(store, leases, time, sp.GetRequiredService<ILogger<LeaseCoordinator>>());
            });
        }

        if (options.Events is { } events)
        {
            builder.Services.AddSingleton(sp => Listener(events, sp.GetRequiredService<IReadOnlyList<ISpecSource>>(), time, sp.GetRequiredService<AwsComposition>(), sp.GetRequiredService<ILoggerFactory>()));
        }

        // The listener, like the lease coordinator, is passed only when registered: the parameter defaults to null otherwise.
        builder.Services.AddSingleton<ControllerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControllerService>());

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (StatusStore statuses) => statuses.Ready ? Results.Text("ready\n") : Results.Text("starting\n", statusCode: 503));
        Telemetry.TelemetrySetup.Map(app);
        app.MapGet("/status", (StatusStore statuses) => Results.Text(JsonSerializer.Serialize(statuses.All, Json), "application/json"));
        app.MapGet("/status/{environment}", (string environment, StatusStore statuses) =>
            statuses.Find(environment) is { } status ? Results.Text(JsonSerializer.Serialize(status, Json), "application/json") : Results.NotFound());
        app.MapGet("/leases", (IServiceProvider sp) => sp.GetService<LeaseCoordinator>() is { } coordinator
            ? Results.Text(JsonSerializer.Serialize(new { replica = coordinator.ReplicaId, liveReplicas = coordinator.LiveReplicas, held = coordinator.Held }, Json), "application/json")
            : Results.NotFound());
        app.MapPost("/resync", (string? environment, ControllerService controller) =>
        {
            controller.Resync(environment);
            return Results.Accepted();
        });
        // --ui-token wins over the variable; neither: the dashboard is read-only and shows no button.
        Web.DashboardEndpoints.Map(app, options.UiToken ?? Web.UiToken.Of(builder.Configuration[Web.UiToken.Variable]));
        return app;
    }

    /// <summary>The watched folders, then the S3 locations (already checked by the CLI), in the order given.</summary>
    internal static IReadOnlyList<ISpecSource> Sources(ControllerOptions options, TimeProvider time, AwsComposition aws)
    {
        var sources = options.Folders.Select(f => (ISpecSource)new FolderSource(f, time)).ToList();
        foreach (var uri in options.S3Locations)
        {
            var location = S3SpecLocation.TryParse(uri) ?? throw new ArgumentException($"not an S3 location: {uri}", nameof(options));
            sources.Add(new S3Source(location, aws.S3(Aws.AwsClientFactory.DefaultRegion()), aws.Runner));
        }

        return sources;
    }

    /// <summary>The listener of <c>run --events</c>, over the S3 sources of <paramref name="sources"/>, on the queue's own region.</summary>
    internal static S3EventListener Listener(SqsQueueLocation queue, IReadOnlyList<ISpecSource> sources, TimeProvider time, AwsComposition aws, ILoggerFactory loggers)
    {
        var region = queue.Region ?? Aws.AwsClientFactory.DefaultRegion();
        return new S3EventListener(queue, aws.Sqs(region), aws.RunnerFor(region), [.. sources.OfType<S3Source>()], time, loggers.CreateLogger<S3EventListener>());
    }
}
