namespace Reconciler.Aws.Elbv2;

/// <summary>What CreateListener and ModifyListener both set: protocol, port, certificate (HTTPS) and default action.</summary>
internal sealed record ListenerSettings(string Protocol, int Port, string? CertificateArn, Elbv2Action DefaultAction);
