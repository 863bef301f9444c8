namespace Reconciler.Aws.Iam;

internal sealed record ListAttachedRolePoliciesRequest(string RoleName);
