using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Reconciler.Telemetry;
using Reconciler.Tests.Controller;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Telemetry;

/// <summary>
/// The spans of a controller's pass on moto_server, through OpenTelemetry's in-memory exporter: one root span per pass,
/// a child per plan step carried out, a span per AWS call attempt (service, operation, attempt, request id) under the
/// step or the pass that made it; and the pass's trace id on every log event of the pass.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReconcilerTelemetryTests : IAsyncLifetime
{
    private readonly ControllerRig _rig = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task StartPass_Should_ParentStepAndAwsCallSpansAndTagEveryLogEvent_When_AControllerConvergesASpec()
    {
        var spans = new List<Activity>();
        var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ReconcilerTelemetry.Name).AddInMemoryExporter(spans).Build()!;
        var env = TestSpecs.UniqueName("otel");
        await File.WriteAllTextAsync(Path.Combine(_rig.Dir, env + ".yaml"), ControllerRig.SmallSpec(env));
        await _rig.StartAsync();
        await _rig.Until(env, s => s.Result is "repaired" or "in sync" && s.WaitingFor.Count == 0);
        // Stopping ends every pass (so its span); disposing the provider ends the exports, so the list is read alone.
        await _rig.Controller!.StopAsync(CancellationToken.None);
        tracing.Dispose();

        var passes = spans.Where(s => Equals(s.GetTagItem(TelemetryTags.Environment), env)).ToList();
        Assert.NotEmpty(passes);
        Assert.All(passes, p => Assert.Equal(default, p.ParentSpanId)); // each pass is a trace of its own
        var creating = passes.Single(p => spans.Any(s => s.TraceId == p.TraceId && s.DisplayName == "create vpc/main"));
        var trace = spans.Where(s => s.TraceId == creating.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId);

        var vpc = trace.Single(s => s.DisplayName == "create vpc/main");
        Assert.Equal(creating.SpanId, vpc.ParentSpanId);
        Assert.Equal("vpc/main", vpc.GetTagItem(TelemetryTags.LogicalId));
        Assert.Equal("create", vpc.GetTagItem(TelemetryTags.Action));
        Assert.Equal("succeeded", vpc.GetTagItem(TelemetryTags.StepOutcome));
        var createVpc = trace.Single(s => s.DisplayName == "ec2.CreateVpc");
        Assert.Equal(vpc.SpanId, createVpc.ParentSpanId);
        Assert.Equal(ActivityKind.Client, createVpc.Kind);
        Assert.Equal("aws-api", createVpc.GetTagItem(TelemetryTags.RpcSystem));
        Assert.Equal("ec2", createVpc.GetTagItem(TelemetryTags.RpcService));
        Assert.Equal("CreateVpc", createVpc.GetTagItem(TelemetryTags.RpcMethod));
        Assert.Equal(1, createVpc.GetTagItem(TelemetryTags.Attempt));
        Assert.False(string.IsNullOrEmpty(createVpc.GetTagItem(TelemetryTags.RequestId) as string), "the request id of CreateVpc");
        Assert.Equal(ActivityStatusCode.Unset, createVpc.Status);
        Assert.Contains(trace, s => s.DisplayName.StartsWith("create subnet/", StringComparison.Ordinal));
        // Every AWS call of the pass (observation included) is in its trace, under the pass.
        var calls = trace.Where(s => s.Kind == ActivityKind.Client).ToList();
        Assert.Contains(calls, c => c.DisplayName == "ec2.DescribeVpcs");
        Assert.All(calls, c => Assert.True(Reaches(c, creating.SpanId, byId), $"{c.DisplayName} is not under the pass"));
        Assert.Equal("repaired", creating.GetTagItem(TelemetryTags.Result));

        var events = _rig.H.Logs.Entries.Where(e => Equals(e.Properties.GetValueOrDefault("Environment"), env)).ToList();
        Assert.True(events.Count >= 3, _rig.H.LogText);
        var traceIds = passes.Select(p => p.TraceId.ToHexString()).ToHashSet(StringComparer.Ordinal);
        Assert.All(events, e => Assert.Contains(e.Properties.GetValueOrDefault("TraceId") as string ?? "(none)", traceIds));
        Assert.Contains(events, e => Equals(e.Properties.GetValueOrDefault("TraceId"), creating.TraceId.ToHexString()) && e.Text.Contains("vpc/main", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestId_Should_TagTheAwsCallSpan_When_AThinClientCallIsAnswered()
    {
        var spans = new List<Activity>();
        var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ReconcilerTelemetry.Name).AddInMemoryExporter(spans).Build()!;
        using var harness = new EngineHarness();
        ActivityTraceId trace;
        using (var pass = ReconcilerTelemetry.StartPass(TestSpecs.UniqueName("rid")))
        {
            trace = pass!.TraceId;
            // The JSON and Query protocol clients: their answers' x-amzn-RequestId header goes onto the call's span.
            await new Reconciler.Aws.Ecs.EcsApi(harness.Aws.Json(Reconciler.Aws.Http.AwsServices.Ecs, EngineHarness.Region)).ListActiveTaskDefinitionsAsync(CancellationToken.None);
            await new Reconciler.Aws.Elbv2.ElasticLoadBalancingV2Api(harness.Aws.Query(Reconciler.Aws.Http.AwsServices.Elbv2, EngineHarness.Region)).DescribeTargetGroupsAsync(CancellationToken.None);
        }

        tracing.Dispose();

        var calls = spans.Where(s => s.TraceId == trace && s.Kind == ActivityKind.Client).ToList();
        Assert.Contains(calls, c => c.DisplayName == "ecs.ListTaskDefinitions");
        Assert.Contains(calls, c => c.DisplayName == "elbv2.DescribeTargetGroups");
        Assert.All(calls, c => Assert.False(string.IsNullOrEmpty(c.GetTagItem(TelemetryTags.RequestId) as string), $"{c.DisplayName} has no request id"));
    }

    private static bool Reaches(Activity span, ActivitySpanId root, Dictionary<ActivitySpanId, Activity> byId)
    {
        for (var parent = span.ParentSpanId; parent != default; parent = byId.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == root)
            {
                return true;
            }
        }

        return false;
    }
}
