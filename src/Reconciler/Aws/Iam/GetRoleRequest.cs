namespace Reconciler.Aws.Iam;

internal sealed record GetRoleRequest(string RoleName);
