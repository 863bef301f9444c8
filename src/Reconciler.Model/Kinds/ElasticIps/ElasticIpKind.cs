using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The elastic-ip kind: the NAT gateway's address and a host's when it asks for one. An address is stateful (its
/// public IP is gone once released), so it is never replaced or deleted without an opt-in; the association with an
/// instance changes in place (AssociateAddress with AllowReassociation: EC2 API reference).
/// </summary>
internal static class ElasticIpKind
{
    public const string Domain = "domain";
    public const string Instance = "instance";

    /// <summary>The attribute holding the public address, for other resources to refer to.</summary>
    public const string PublicIpAttribute = "publicIp";

    /// <summary>The attribute holding the association id, which DisassociateAddress takes.</summary>
    public const string AssociationAttribute = "association";

    public static ResourceKind Kind { get; } = ResourceKind.Define("elastic-ip", 20,
        "An Elastic IP address: `nat` for the NAT gateway, `<host>-<i>` for a host with `elasticIp: true`; the AWS id is its allocation id.",
        [
            new(Domain, "vpc"),
            new(Instance, "the instance it is associated with (hosts only)"),
        ],
        stateful: true);
}
