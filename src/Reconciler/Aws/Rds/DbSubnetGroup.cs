namespace Reconciler.Aws.Rds;

/// <summary>The parts of an RDS <c>DBSubnetGroup</c> the engine reads (the API returns no tags with it).</summary>
internal sealed record DbSubnetGroup(string Name, string Arn, string Description, string? VpcId, IReadOnlyList<string> SubnetIds);
