using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the hosted-zone provider calls (records are read, and this environment's deleted, on destroy).</summary>
internal static class HostedZonePermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "route53:ListHostedZonesByName", "route53:GetHostedZone", "route53:CreateHostedZone", "route53:DeleteHostedZone",
        "route53:ListTagsForResource", "route53:ChangeTagsForResource", "route53:ListResourceRecordSets", "route53:ChangeResourceRecordSets",
    ]);
}
