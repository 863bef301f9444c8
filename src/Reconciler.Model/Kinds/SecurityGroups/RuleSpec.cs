namespace Reconciler.Model.Spec;

/// <summary>One security group rule: a protocol, a port range and exactly one of a CIDR or a source group.</summary>
internal sealed record RuleSpec(string Protocol, int? Port, int? ToPort, string? Cidr, string? Source);
