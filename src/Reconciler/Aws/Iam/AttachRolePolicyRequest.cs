namespace Reconciler.Aws.Iam;

internal sealed record AttachRolePolicyRequest(string RoleName, string PolicyArn);
