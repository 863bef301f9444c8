namespace Reconciler.Aws.Rds;

/// <summary><c>CreateDBSubnetGroup</c>, tagged in the same call.</summary>
internal sealed record CreateDbSubnetGroupRequest(string Name, string Description, IReadOnlyCollection<string> SubnetIds, IReadOnlyDictionary<string, string> Tags);
