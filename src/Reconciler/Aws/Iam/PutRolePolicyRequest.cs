namespace Reconciler.Aws.Iam;

/// <summary>Adds or replaces one inline policy of a role, by name; the role's other policies are left alone.</summary>
internal sealed record PutRolePolicyRequest(string RoleName, string PolicyName, string PolicyDocument);
