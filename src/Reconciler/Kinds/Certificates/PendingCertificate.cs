namespace Reconciler.Kinds;

/// <summary>A certificate of ours waiting for validation: whose it is and the tags it was last seen (or requested) with.</summary>
internal sealed record PendingCertificate(string Environment, string LogicalId, IReadOnlyDictionary<string, string> Tags);
