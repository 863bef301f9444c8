using Reconciler.Model.Loading;

namespace Reconciler.Model.Kinds;

/// <summary>A listener forwards to a target group or redirects (to https).</summary>
internal sealed record ListenerSpec(string Protocol, int Port, string? Certificate, string? Forward, string? Redirect)
{
    /// <summary>Reads one entry of a load balancer's <c>listeners</c>: exactly one of forward or redirect.</summary>
    public static ListenerSpec Bind(MappingReader r)
    {
        var listener = new ListenerSpec(
            r.Choice("protocol", ["HTTP", "HTTPS"], required: true) ?? "HTTP",
            r.Int("port", required: true, min: 1, max: 65535) ?? 0,
            r.String("certificate"),
            r.String("forward"),
            r.Choice("redirect", ["https"]));
        if ((listener.Forward is null) == (listener.Redirect is null))
        {
            r.Context.Error(r.Mark, r.Path, "give exactly one of forward (a target group) or redirect: https");
        }

        return listener;
    }
}
