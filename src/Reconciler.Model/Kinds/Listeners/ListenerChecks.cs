using Reconciler.Model.Validation;

namespace Reconciler.Model.Kinds;

/// <summary>The rules of a load balancer's listeners (called by <see cref="LoadBalancerChecks"/>).</summary>
internal static class ListenerChecks
{
    /// <summary>Checks the listeners of the load balancer at <paramref name="path"/>.</summary>
    public static void Check(SpecChecker c, string path, LoadBalancerSpec lb, HashSet<string> certificates)
    {
        var ports = new HashSet<int>();
        var own = lb.TargetGroups.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        for (var l = 0; l < lb.Listeners.Count; l++)
        {
            var listener = lb.Listeners[l];
            var lPath = $"{path}.listeners[{l}]";
            if (listener.Port > 0 && !ports.Add(listener.Port))
            {
                c.Error(lPath + ".port", $"two listeners on port {listener.Port}");
            }

            if (listener.Protocol == "HTTPS" && listener.Certificate is null)
            {
                c.Error(lPath, "an HTTPS listener needs a certificate");
            }

            if (listener.Protocol == "HTTP" && listener.Certificate is not null)
            {
                c.Error(lPath + ".certificate", "an HTTP listener takes no certificate");
            }

            c.Reference(lPath + ".certificate", listener.Certificate, certificates, "certificate");
            c.Reference(lPath + ".forward", listener.Forward, own, "target group of this load balancer");
            if (listener.Redirect == "https" && !lb.Listeners.Any(x => x.Protocol == "HTTPS"))
            {
                c.Warn(lPath + ".redirect", "redirects to HTTPS, but this load balancer has no HTTPS listener");
            }
        }
    }
}
