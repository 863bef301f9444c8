using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The db-subnet-group kind: one per database, named as the database. The name is fixed by CreateDBSubnetGroup; the
/// subnets change in place with ModifyDBSubnetGroup (RDS API reference).
/// </summary>
internal static class DbSubnetGroupKind
{
    public const string Name = "name";
    public const string Subnets = "subnets";

    public static ResourceKind Kind { get; } = ResourceKind.Define("db-subnet-group", 30,
        "The DB subnet group of a database (`spec.databases[]`), named `<environment>-<name>` in lower case; the AWS id is its name.",
        [
            new(Name, "`<environment>-<name>` (or the database's `subnetGroupAwsName`, else its `awsName`) in lower case, as RDS stores it", ForcesReplacement: true),
            new(Subnets, "the database's subnets"),
        ]);
}
