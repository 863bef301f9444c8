namespace Reconciler.Model.Kinds;

/// <summary>What a route sends traffic to: the CreateRoute parameter that names it.</summary>
internal enum RouteTarget
{
    /// <summary>An internet gateway or a virtual private gateway (GatewayId).</summary>
    Gateway,

    /// <summary>A NAT gateway (NatGatewayId).</summary>
    NatGateway,

    /// <summary>Anything else AWS reports (transit gateway, peering, network interface, instance): never desired, only removed.</summary>
    Other,
}
