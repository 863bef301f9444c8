using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The hosted-zone kind: the public Route53 zone of <c>spec.dns.zone</c>. Found and adopted by name, shared by the
/// environments that name it, so stateful and shared: deleted only on destroy with <c>allowZoneDeletion</c>.
/// </summary>
internal static class HostedZoneKind
{
    public const string Name = "name";

    /// <summary>Attribute: the environment named by the zone's own ownership tag (the one that created it), or empty.</summary>
    public const string CreatedByAttribute = "createdBy";

    public static ResourceKind Kind { get; } = ResourceKind.Define("hosted-zone", 5,
        "The public Route53 hosted zone of `spec.dns.zone`, found by name and shared by the environments that name it; the AWS id is the zone id.",
        [
            new(Name, "the zone's DNS name, lower case, no trailing dot", ForcesReplacement: true),
        ],
        stateful: true,
        shared: true);
}
