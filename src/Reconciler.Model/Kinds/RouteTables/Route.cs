using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// One route of a route table: a destination CIDR and its target, with the kind of target saying which parameter of
/// CreateRoute/ReplaceRoute carries it (GatewayId "the ID of an internet gateway or virtual private gateway",
/// NatGatewayId: EC2 API reference, CreateRoute). The target may be a reference (<c>${nat-gateway/main}</c>).
/// Shown as <c>0.0.0.0/0-&gt;igw-0abc</c>.
/// </summary>
internal sealed record Route(string Destination, RouteTarget Via, string Target) : GraphItem
{
    public override string Display => $"{Destination}->{Target}";

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { Target = Sub(Target, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(Target);
}
