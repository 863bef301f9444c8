namespace Reconciler.Model.Spec;

internal sealed record NatGatewaySpec(string Subnet);
