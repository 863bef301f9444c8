using System.Text.RegularExpressions;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of one target group of a load balancer (called by <see cref="LoadBalancerChecks"/>).</summary>
internal static partial class TargetGroupChecks
{
    [GeneratedRegex("^[0-9]{3}([-,][0-9]{3})*$")]
    private static partial Regex HttpCodes();

    /// <summary>Checks the target group at <paramref name="path"/>; <paramref name="seen"/> holds the names met so far in the spec.</summary>
    public static void Check(SpecChecker c, string path, TargetGroupSpec tg, HashSet<string> seen)
    {
        c.CheckLogicalName(path + ".name", tg.Name);
        c.PhysicalName(path + ".name", tg.Name, tg.AwsName, LoadBalancerChecks.ElbName(), 32, "target group");
        if (tg.Name.Length > 0 && !seen.Add(tg.Name))
        {
            c.Error(path + ".name", $"target group '{tg.Name}' is defined twice");
        }

        if (!tg.HealthCheck.Path.StartsWith('/'))
        {
            c.Error(path + ".healthCheck.path", "the health check path must start with '/'");
        }

        if (!HttpCodes().IsMatch(tg.HealthCheck.SuccessCodes))
        {
            c.Error(path + ".healthCheck.successCodes", $"'{tg.HealthCheck.SuccessCodes}' is not a list or range of HTTP codes (e.g. 200, 200-399, 200,400)");
        }

        // ELBv2 answers "ValidationError: Health check interval must be greater than the timeout" (aws/aws-cdk#29075,
        // hashicorp/terraform-provider-aws#48071): refused here, before any call, with the default timeout counted.
        var timeout = tg.HealthCheck.TimeoutFor(tg.Protocol);
        if (timeout >= tg.HealthCheck.IntervalSeconds)
        {
            c.Error(path + (tg.HealthCheck.TimeoutSeconds is null ? ".healthCheck.intervalSeconds" : ".healthCheck.timeoutSeconds"),
                $"the health check timeout ({timeout} s{(tg.HealthCheck.TimeoutSeconds is null ? ", AWS's default for " + tg.Protocol : string.Empty)}) must be shorter than the interval ({tg.HealthCheck.IntervalSeconds} s)");
        }
    }
}
