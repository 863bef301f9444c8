namespace Reconciler.Aws.Route53;

/// <summary>GetHostedZone and CreateHostedZone: the zone and the name servers Route53 answers it from (its delegation set).</summary>
internal sealed record HostedZoneDetails(HostedZone Zone, IReadOnlyList<string> NameServers);
