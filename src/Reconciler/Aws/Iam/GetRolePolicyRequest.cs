namespace Reconciler.Aws.Iam;

internal sealed record GetRolePolicyRequest(string RoleName, string PolicyName);
