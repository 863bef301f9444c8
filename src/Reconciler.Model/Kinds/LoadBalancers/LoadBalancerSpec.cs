namespace Reconciler.Model.Spec;

internal sealed record LoadBalancerSpec(
    string Name,
    string Scheme,
    IReadOnlyList<string> Subnets,
    IReadOnlyList<string> SecurityGroups,
    IReadOnlyList<ListenerSpec> Listeners,
    IReadOnlyList<TargetGroupSpec> TargetGroups);
