namespace Reconciler.Aws.Iam;

internal sealed record DetachRolePolicyRequest(string RoleName, string PolicyArn);
