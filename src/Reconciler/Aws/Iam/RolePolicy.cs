namespace Reconciler.Aws.Iam;

/// <summary>An inline policy of a role; <see cref="PolicyDocument"/> is JSON (the URL encoding IAM answers with is undone).</summary>
internal sealed record RolePolicy(string RoleName, string PolicyName, string PolicyDocument);
