using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The internet-gateway kind: created detached (CreateInternetGateway takes no VPC), then attached; a gateway attached
/// elsewhere is re-attached in place (DetachInternetGateway, AttachInternetGateway: EC2 API reference).
/// </summary>
internal static class InternetGatewayKind
{
    public const string Vpc = "vpc";

    public static ResourceKind Kind { get; } = ResourceKind.Define("internet-gateway", 20,
        "The VPC's internet gateway (`spec.network.internetGateway: true`), logical name `main`.",
        [
            new(Vpc, "the VPC it is attached to"),
        ]);
}
