namespace Reconciler.Aws.Route53;

/// <summary>
/// A record set: a plain one (<see cref="Ttl"/> and <see cref="Values"/>) or an alias (<see cref="Alias"/>).
/// Routing-policy sets (weighted, latency...) carry a <see cref="SetIdentifier"/>; we never write those.
/// </summary>
internal sealed record ResourceRecordSet(string Name, string Type, long? Ttl, IReadOnlyList<string> Values, AliasTarget? Alias, string? SetIdentifier = null);
