using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the log-group provider calls.</summary>
internal static class LogGroupPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:TagResource", "logs:DeleteLogGroup", "tag:GetResources",
    ]);
}
