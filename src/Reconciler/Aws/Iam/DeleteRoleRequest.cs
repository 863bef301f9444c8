namespace Reconciler.Aws.Iam;

internal sealed record DeleteRoleRequest(string RoleName);
