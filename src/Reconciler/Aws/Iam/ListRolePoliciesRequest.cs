namespace Reconciler.Aws.Iam;

internal sealed record ListRolePoliciesRequest(string RoleName);
