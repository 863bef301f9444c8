using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A service's load balancer binding: the target group (a reference to its ARN until resolved), the container and
/// its port. Shown <c>targetGroup|container|port</c>, as before.
/// </summary>
internal sealed record LoadBalancerBinding(string TargetGroup, string Container, int Port) : GraphItem
{
    public override string Display => string.Create(CultureInfo.InvariantCulture, $"{TargetGroup}|{Container}|{Port}");

    public override GraphItem Resolve(Func<string, string?> resolve) => this with { TargetGroup = Sub(TargetGroup, resolve) };

    public override IEnumerable<string> ReferencedIds() => Refs(TargetGroup);
}
