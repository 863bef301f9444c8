using System.Diagnostics;

namespace Reconciler.Telemetry;

/// <summary>
/// The controller's names in OpenTelemetry: one <see cref="ActivitySource"/> for its spans (a reconcile pass, each plan
/// step, each AWS call attempt) and the name of the meter <see cref="Controller.ControllerMetrics"/> creates. Static, as
/// .NET's guidance for an ActivitySource is; a pass made with no listener (no tracer provider) costs one null check.
/// </summary>
internal static class ReconcilerTelemetry
{
    /// <summary>The name of the ActivitySource and of the Meter, as tracer and meter providers subscribe to them.</summary>
    public const string Name = "Reconciler";

    public static readonly ActivitySource Source = new(Name, typeof(ReconcilerTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The span of one reconcile pass of an environment (the root of its trace, unless a caller had one).</summary>
    public static Activity? StartPass(string environment)
    {
        var activity = Source.StartActivity("reconcile " + environment, ActivityKind.Internal);
        activity?.SetTag(TelemetryTags.Environment, environment);
        return activity;
    }

    /// <summary>The span of one plan step carried out (a create, update or delete); its AWS calls are its children.</summary>
    public static Activity? StartStep(string logicalId, string kind, string verb, string? awsId)
    {
        var activity = Source.StartActivity($"{verb} {logicalId}", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.LogicalId, logicalId);
            activity.SetTag(TelemetryTags.Kind, kind);
            activity.SetTag(TelemetryTags.Action, verb);
            activity.SetTag(TelemetryTags.AwsId, awsId);
        }

        return activity;
    }

    /// <summary>
    /// The span of one attempt of one AWS call, named and tagged as OpenTelemetry's semantic conventions for AWS SDK
    /// client spans say (https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/): name Service.Operation,
    /// kind client, rpc.system aws-api, rpc.service, rpc.method, aws.request_id; the error code goes in error.type.
    /// </summary>
    public static Activity? StartAwsCall(string service, string operation, int attempt, string region)
    {
        var activity = Source.StartActivity($"{service}.{operation}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.RpcSystem, "aws-api");
            activity.SetTag(TelemetryTags.RpcService, service);
            activity.SetTag(TelemetryTags.RpcMethod, operation);
            activity.SetTag(TelemetryTags.Region, region);
            activity.SetTag(TelemetryTags.Attempt, attempt);
        }

        return activity;
    }

    /// <summary>Marks a span failed with the error's code (the AWS error code, or the exception's type).</summary>
    public static void Failed(Activity? activity, string code, string? description = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryTags.ErrorType, code);
        activity.SetStatus(ActivityStatusCode.Error, description ?? code);
    }

    /// <summary>
    /// Sets the request id AWS gave the call on the current AWS-call span (the thin clients' transport and the runner
    /// call this; the span is <see cref="Activity.Current"/> on their async flow). Ignored outside such a span.
    /// </summary>
    public static void RequestId(string? requestId)
    {
        if (requestId is { Length: > 0 } && Activity.Current is { } current && current.Source == Source && current.Kind == ActivityKind.Client)
        {
            current.SetTag(TelemetryTags.RequestId, requestId);
        }
    }
}
