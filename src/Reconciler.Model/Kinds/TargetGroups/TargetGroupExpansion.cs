using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A target group of the spec as a desired resource, in the environment's VPC.</summary>
internal static class TargetGroupExpansion
{
    public static void Add(GraphContext ctx, TargetGroupSpec tg) =>
        ctx.Add(TargetGroupKind.Kind, tg.Name,
        [
            (TargetGroupKind.Name, FieldValue.Of(ctx.Physical(TargetGroupKind.Kind, tg.Name))),
            (TargetGroupKind.Vpc, FieldValue.Of(GraphContext.Ref(ResourceKinds.Vpc, GraphBuilder.VpcName))),
            (TargetGroupKind.Protocol, FieldValue.Of(tg.Protocol)),
            (TargetGroupKind.Port, FieldValue.Of(tg.Port)),
            (TargetGroupKind.TargetType, FieldValue.Of(tg.TargetType)),
            (TargetGroupKind.HealthCheckPath, FieldValue.Of(tg.HealthCheck.Path)),
            (TargetGroupKind.HealthCheckSuccessCodes, FieldValue.Of(tg.HealthCheck.SuccessCodes)),
            (TargetGroupKind.HealthCheckIntervalSeconds, FieldValue.Of(tg.HealthCheck.IntervalSeconds)),
            (TargetGroupKind.HealthyThreshold, FieldValue.Of(tg.HealthCheck.HealthyThreshold)),
            (TargetGroupKind.UnhealthyThreshold, FieldValue.Of(tg.HealthCheck.UnhealthyThreshold)),
            (TargetGroupKind.HealthCheckTimeoutSeconds, FieldValue.Of(tg.HealthCheck.TimeoutFor(tg.Protocol))),
        ]);
}
