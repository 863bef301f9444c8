using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The instance-profile kind: a host group's instance profile, shared by every environment of the account and used by
/// name, with a role of the same name in it. Its fields are the iam-role kind's, for that role: additions only.
/// </summary>
internal static class InstanceProfileKind
{
    public const string Name = IamRoleKind.Name;
    public const string AssumeRolePolicy = IamRoleKind.AssumeRolePolicy;
    public const string ManagedPolicies = IamRoleKind.ManagedPolicies;

    /// <summary>The service EC2 instances assume their profile's role as.</summary>
    public const string Ec2Principal = "ec2.amazonaws.com";

    /// <summary>AWS's managed policy for an ECS container instance (register with the cluster, pull images).</summary>
    public const string ContainerInstancePolicy = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";

    public static ResourceKind Kind { get; } = ResourceKind.Define("instance-profile", 6,
        "A host group's `instanceProfile`, shared by the account's environments, adopted or created by name with its role and never deleted; the AWS id is its name.",
        [
            new(Name, "the profile's name"),
            new(AssumeRolePolicy, "the service its role must trust: ec2.amazonaws.com (other trusted services are kept)"),
            new(ManagedPolicies, "managed policies that must be attached to its role (others attached are kept)"),
        ],
        shared: true);
}
