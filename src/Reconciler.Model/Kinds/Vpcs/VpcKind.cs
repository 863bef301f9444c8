using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The vpc kind: the environment's one VPC. Its CIDR block is fixed by CreateVpc; the two DNS attributes change in
/// place with ModifyVpcAttribute (EC2 API reference).
/// </summary>
internal static class VpcKind
{
    public const string Cidr = "cidr";
    public const string EnableDnsSupport = "enableDnsSupport";
    public const string EnableDnsHostnames = "enableDnsHostnames";

    public static ResourceKind Kind { get; } = ResourceKind.Define("vpc", 10,
        "The environment's VPC (`spec.network`), logical name `main`; the AWS id is its vpc-… id.",
        [
            new(Cidr, "the IPv4 block of `spec.network.cidr`", ForcesReplacement: true),
            new(EnableDnsSupport, "Amazon DNS resolution in the VPC; always true"),
            new(EnableDnsHostnames, "public DNS hostnames for instances; always true"),
        ]);
}
