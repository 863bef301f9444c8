namespace Reconciler.Model.Spec;

internal sealed record ServiceLoadBalancerSpec(string TargetGroup, string Container, int ContainerPort);
