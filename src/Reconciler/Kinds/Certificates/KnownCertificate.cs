namespace Reconciler.Kinds;

/// <summary>A certificate of ours whose ARN this process knows (it requested it, or observed it by its tags): whose it is and the tags it was last seen with.</summary>
internal sealed record KnownCertificate(string Environment, string LogicalId, IReadOnlyDictionary<string, string> Tags);
