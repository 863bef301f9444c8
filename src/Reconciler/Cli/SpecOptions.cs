namespace Reconciler.Cli;

/// <summary>The parsed spec arguments of validate, plan, apply, destroy and iam-policy.</summary>
internal sealed record SpecOptions(IReadOnlyList<string> Paths, bool Strict, bool Verbose);
