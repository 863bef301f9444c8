namespace Reconciler.Import;

/// <summary>A resource import found but did not write into the spec, and why.</summary>
internal sealed record LeftOut(string What, string AwsId, string Reason);
