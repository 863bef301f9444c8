namespace Reconciler.Aws.Elbv2;

/// <summary>A listener's default action: forward to a target group, or redirect (protocol, port, status code).</summary>
internal sealed record Elbv2Action(string Type, string? TargetGroupArn = null, string? RedirectProtocol = null, string? RedirectPort = null, string? RedirectStatusCode = null);
