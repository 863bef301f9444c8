using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

internal sealed record ServiceLoadBalancerSpec(string TargetGroup, string Container, int ContainerPort)
{
    /// <summary>Reads a service's <c>loadBalancer</c>: every field is required.</summary>
    public static ServiceLoadBalancerSpec Bind(MappingReader m) => new(
        m.Required("targetGroup"),
        m.Required("container"),
        m.Int("containerPort", required: true, min: 1, max: 65535) ?? 0);
}
