namespace Reconciler.Model.Spec;

/// <summary>A listener forwards to a target group or redirects (to https).</summary>
internal sealed record ListenerSpec(string Protocol, int Port, string? Certificate, string? Forward, string? Redirect);
