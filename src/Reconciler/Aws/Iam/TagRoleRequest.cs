namespace Reconciler.Aws.Iam;

internal sealed record TagRoleRequest(string RoleName, IReadOnlyDictionary<string, string> Tags);
