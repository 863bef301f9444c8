namespace Reconciler.Model.Kinds;

internal sealed record ServiceLoadBalancerSpec(string TargetGroup, string Container, int ContainerPort);
