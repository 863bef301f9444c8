namespace Reconciler.Aws.Iam;

internal sealed record GetInstanceProfileRequest(string InstanceProfileName);
