namespace Reconciler.Model.Spec;

internal sealed record DnsTargetSpec(string LoadBalancer);
