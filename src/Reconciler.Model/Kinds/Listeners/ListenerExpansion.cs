using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>A listener of the spec as a desired resource, named <c>&lt;load balancer&gt;-&lt;port&gt;</c>.</summary>
internal static class ListenerExpansion
{
    public static void Add(GraphContext ctx, LoadBalancerSpec lb, ListenerSpec listener)
    {
        var action = listener.Forward is { } tg ? ListenerAction.Forward(GraphContext.Ref(TargetGroupKind.Kind, tg)) : ListenerAction.RedirectToHttps;
        var properties = new List<(string, FieldValue)>
        {
            (ListenerKind.LoadBalancer, FieldValue.Of(GraphContext.Ref(LoadBalancerKind.Kind, lb.Name))),
            (ListenerKind.Protocol, FieldValue.Of(listener.Protocol)),
            (ListenerKind.Port, FieldValue.Of(listener.Port)),
            (ListenerKind.Action, FieldValue.Of(action)),
        };
        if (listener.Certificate is { } cert)
        {
            properties.Add((ListenerKind.Certificate, FieldValue.Of(GraphContext.Ref(CertificateKind.Kind, cert))));
        }

        ctx.Add(ListenerKind.Kind, $"{lb.Name}-{listener.Port}", properties);
    }
}
