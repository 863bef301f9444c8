using Reconciler.Security;

namespace Reconciler.Kinds;

/// <summary>The IAM actions the instance provider calls; RunInstances with an instance profile passes its role to EC2.</summary>
internal static class InstancePermissions
{
    public static KindPermissions Value { get; } = new(
        [
            "ec2:DescribeInstances", "ec2:RunInstances", "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceMetadataOptions", "ec2:StopInstances",
            "ec2:StartInstances", "ec2:TerminateInstances", "ec2:CreateTags", "ec2:DeleteTags",
            "ssm:GetParameter", // image: ecs-optimized, from AWS's public parameter
        ],
        [IamActions.PassRole]);
}
