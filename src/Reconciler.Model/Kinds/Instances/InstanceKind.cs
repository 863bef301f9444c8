using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The instance kind: the ECS hosts, <c>instance/&lt;host&gt;-&lt;i&gt;</c>. Subnet, image, user data, instance profile and
/// key pair are fixed at launch (RunInstances); the type, groups and metadata options change on the running instance
/// (ModifyInstanceAttribute, ModifyInstanceMetadataOptions: EC2 API reference).
/// </summary>
internal static class InstanceKind
{
    public const string Subnet = "subnet";
    public const string Image = "image";
    public const string InstanceType = "instanceType";
    public const string SecurityGroups = "securityGroups";
    public const string MetadataTokens = "metadataTokens";
    public const string UserData = "userData";
    public const string InstanceProfile = "instanceProfile";
    public const string KeyName = "keyName";

    /// <summary>The <c>image</c> that stands for AWS's recommended ECS-optimized AMI, resolved at launch.</summary>
    public const string EcsOptimized = "ecs-optimized";

    public static ResourceKind Kind { get; } = ResourceKind.Define("instance", 50,
        "An EC2 host of `spec.hosts[]` (`<host>-<i>`, spread over the host group's subnets), IMDSv2 required, no public IP; the AWS id is the instance id.",
        [
            new(Subnet, "the subnet it runs in", ForcesReplacement: true),
            new(Image, "`ecs-optimized` (AWS's recommended AMI at launch) or an AMI id", ForcesReplacement: true),
            new(InstanceType, "the EC2 instance type; changed by stop, modify, start"),
            new(SecurityGroups, "the security groups of its network interface"),
            new(MetadataTokens, "always `required` (IMDSv2)"),
            new(UserData, "`ECS_CLUSTER=<environment>-<cluster>`, which joins it to the cluster, or empty", ForcesReplacement: true),
            new(InstanceProfile, "the shared instance profile, by name (when the host group names one)", ForcesReplacement: true),
            new(KeyName, "the EC2 key pair (when the host group names one)", ForcesReplacement: true),
        ]);
}
