namespace Reconciler.Aws.Route53;

/// <summary>A public hosted zone; <see cref="CallerReference"/> makes a retried create idempotent.</summary>
internal sealed record CreateHostedZoneRequest(string Name, string CallerReference, string Comment);
