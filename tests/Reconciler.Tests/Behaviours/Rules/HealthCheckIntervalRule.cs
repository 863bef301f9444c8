using System.Globalization;

namespace Reconciler.Tests.Behaviours.Rules;

/// <summary>ELBv2 refuses a target group whose health-check timeout is not smaller than its interval; moto accepts it.</summary>
internal sealed class HealthCheckIntervalRule : BehaviourRule
{
    public override string Behaviour => "CreateTargetGroup / ModifyTargetGroup with HealthCheckTimeoutSeconds not less than HealthCheckIntervalSeconds answers ValidationError.";

    public override string Source => "https://github.com/aws/aws-cdk/issues/22200 and https://github.com/aws/aws-cdk/pull/29075 (the interval must be longer than the timeout, else the deployment fails); ELB HealthCheck API reference: Timeout \"must be less than the Interval value\"";

    public override AwsAnswer? Before(AwsRequest request, DateTimeOffset now)
    {
        if (request.Service != "elasticloadbalancing" || request.Operation is not ("CreateTargetGroup" or "ModifyTargetGroup") ||
            !int.TryParse(request.Param("HealthCheckIntervalSeconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval) ||
            !int.TryParse(request.Param("HealthCheckTimeoutSeconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var timeout))
        {
            return null;
        }

        return timeout < interval
            ? null
            : AwsAnswer.Error(request, "ValidationError", $"Health check interval must be greater than the timeout (interval {interval}, timeout {timeout}).");
    }
}
