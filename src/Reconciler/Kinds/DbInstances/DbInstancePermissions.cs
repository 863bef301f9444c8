using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the db-instance provider calls, and what AWS checks besides: the first RDS instance of an account
/// creates RDS's service-linked role, and ManageMasterUserPassword makes RDS create the password's Secrets Manager
/// secret as the caller.
/// </summary>
internal static class DbInstancePermissions
{
    public static KindPermissions Value { get; } = new(
        ["rds:DescribeDBInstances", "rds:CreateDBInstance", "rds:ModifyDBInstance", "rds:AddTagsToResource", "rds:DeleteDBInstance"],
        [IamActions.CreateServiceLinkedRole, "secretsmanager:CreateSecret", "secretsmanager:TagResource", "kms:DescribeKey"],
        "rds.amazonaws.com");
}
