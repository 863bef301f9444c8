namespace Reconciler.Aws.Iam;

internal sealed record DeleteRolePolicyRequest(string RoleName, string PolicyName);
