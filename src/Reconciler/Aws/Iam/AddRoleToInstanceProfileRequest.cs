namespace Reconciler.Aws.Iam;

internal sealed record AddRoleToInstanceProfileRequest(string InstanceProfileName, string RoleName);
