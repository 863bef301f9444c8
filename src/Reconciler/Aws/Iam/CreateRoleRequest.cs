namespace Reconciler.Aws.Iam;

internal sealed record CreateRoleRequest(string RoleName, string AssumeRolePolicyDocument, string? Description, IReadOnlyDictionary<string, string> Tags);
