namespace Reconciler.Telemetry;

/// <summary>Span tag names: OpenTelemetry semantic conventions where one exists (rpc.*, aws.request_id, error.type), ours otherwise.</summary>
internal static class TelemetryTags
{
    public const string Environment = "reconciler.environment";
    public const string Mode = "reconciler.mode";
    public const string Result = "reconciler.result";
    public const string Outcome = "reconciler.outcome";
    public const string DriftCount = "reconciler.drift.count";
    public const string LogicalId = "reconciler.logical_id";
    public const string Kind = "reconciler.kind";
    public const string Action = "reconciler.action";
    public const string AwsId = "reconciler.aws_id";
    public const string StepOutcome = "reconciler.step.outcome";
    public const string RpcSystem = "rpc.system";
    public const string RpcService = "rpc.service";
    public const string RpcMethod = "rpc.method";
    public const string Region = "cloud.region";
    public const string Attempt = "aws.attempt";
    public const string RequestId = "aws.request_id";
    public const string ErrorType = "error.type";
}
