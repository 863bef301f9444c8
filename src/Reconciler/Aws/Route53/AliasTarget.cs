namespace Reconciler.Aws.Route53;

/// <summary>An alias record's target, as Route53 holds it.</summary>
internal sealed record AliasTarget(string HostedZoneId, string DnsName, bool EvaluateTargetHealth);
