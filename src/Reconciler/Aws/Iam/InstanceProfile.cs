namespace Reconciler.Aws.Iam;

/// <summary>An instance profile and the role it holds (IAM allows at most one).</summary>
internal sealed record InstanceProfile(string InstanceProfileName, string Arn, IReadOnlyList<Role> Roles, IReadOnlyDictionary<string, string> Tags);
