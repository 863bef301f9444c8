namespace Reconciler.Aws.Iam;

internal sealed record AttachedPolicy(string PolicyName, string PolicyArn);
