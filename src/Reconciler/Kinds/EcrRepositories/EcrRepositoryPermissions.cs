using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the ecr-repository provider calls.</summary>
internal static class EcrRepositoryPermissions
{
    public static KindPermissions Value { get; } = new(
    [
        "tag:GetResources", "ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecr:CreateRepository", "ecr:PutImageScanningConfiguration",
        "ecr:PutImageTagMutability", "ecr:TagResource", "ecr:DeleteRepository",
    ]);
}
