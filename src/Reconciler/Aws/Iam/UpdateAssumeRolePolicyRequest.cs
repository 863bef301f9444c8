namespace Reconciler.Aws.Iam;

internal sealed record UpdateAssumeRolePolicyRequest(string RoleName, string PolicyDocument);
