namespace Reconciler.Aws.Rds;

/// <summary><c>DeleteDBInstance</c>, always with a final snapshot: the engine never throws a database's data away.</summary>
internal sealed record DeleteDbInstanceRequest(string Identifier, string FinalSnapshotIdentifier);
