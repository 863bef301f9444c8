using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The listener kind: a port of a load balancer. Its load balancer and port are fixed (the port is in the logical id);
/// protocol, certificate and default action change in place with one ModifyListener (ELBv2 API reference).
/// </summary>
internal static class ListenerKind
{
    public const string LoadBalancer = "loadBalancer";
    public const string Protocol = "protocol";
    public const string Port = "port";
    public const string Certificate = "certificate";
    public const string Action = "action";

    /// <summary>The fields ModifyListener changes: one call for any of them.</summary>
    public static IReadOnlyList<string> ModifiableFields { get; } = [Protocol, Certificate, Action];

    public static ResourceKind Kind { get; } = ResourceKind.Define("listener", 60,
        "A listener of a load balancer (`spec.loadBalancers[].listeners[]`), logical id `<load balancer>-<port>`; the AWS id is its ARN.",
        [
            new(LoadBalancer, "the load balancer it belongs to", ForcesReplacement: true),
            new(Protocol, "HTTP or HTTPS"),
            new(Port, "the port it listens on", ForcesReplacement: true),
            new(Certificate, "the ACM certificate of an HTTPS listener (absent for HTTP)"),
            new(Action, "the default action: forward to a target group, or redirect (protocol, port, status code)"),
        ]);
}
