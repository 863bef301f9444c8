using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the db-subnet-group provider calls.</summary>
internal static class DbSubnetGroupPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource", "rds:CreateDBSubnetGroup", "rds:ModifyDBSubnetGroup", "rds:AddTagsToResource",
        "rds:DeleteDBSubnetGroup",
    ]);
}
