namespace Reconciler.Aws.Iam;

internal sealed record CreateInstanceProfileRequest(string InstanceProfileName, IReadOnlyDictionary<string, string> Tags);
