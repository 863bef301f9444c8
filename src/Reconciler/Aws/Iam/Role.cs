namespace Reconciler.Aws.Iam;

/// <summary>A role; <see cref="AssumeRolePolicyDocument"/> is the decoded JSON trust policy.</summary>
internal sealed record Role(string RoleName, string Arn, string AssumeRolePolicyDocument, IReadOnlyDictionary<string, string> Tags);
