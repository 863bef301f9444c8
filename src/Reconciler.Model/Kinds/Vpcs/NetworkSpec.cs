namespace Reconciler.Model.Spec;

internal sealed record NetworkSpec(string Cidr, IReadOnlyList<SubnetSpec> Subnets, bool InternetGateway, NatGatewaySpec? NatGateway);
