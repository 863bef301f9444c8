namespace Reconciler.Aws.Route53;

/// <summary>A hosted zone: <see cref="Id"/> without the "/hostedzone/" prefix, <see cref="Name"/> as Route53 spells it (trailing dot).</summary>
internal sealed record HostedZone(string Id, string Name, string CallerReference, bool PrivateZone);
