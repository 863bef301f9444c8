using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>
/// The IAM actions the log-group provider calls. CreateLogGroup with tags needs "either logs:TagResource or
/// logs:TagLogGroup" (CreateLogGroup's <c>tags</c> parameter, CloudWatch Logs API reference): TagResource, the one
/// that is not being deprecated, is granted.
/// </summary>
internal static class LogGroupPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
        "logs:TagResource", "logs:DeleteLogGroup", "tag:GetResources",
    ]);
}
