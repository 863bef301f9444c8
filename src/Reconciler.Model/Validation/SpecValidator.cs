using Reconciler.Model.Loading;
using Reconciler.Model.Spec;

namespace Reconciler.Model.Validation;

/// <summary>
/// The rules that need the whole document: unique names, references, CIDR arithmetic, zones, AWS's limits on the
/// physical names, and warnings for risky settings. Types, required fields and unknown keys are checked while binding.
/// </summary>
internal static class SpecValidator
{
    public static IReadOnlyList<Diagnostic> Validate(EnvironmentDocument doc, SourceMap positions)
    {
        var v = new SpecChecker(doc, positions);
        v.Run();
        return v.Diagnostics;
    }

    /// <summary>The partition of a region outside the aws partition (aws-cn, aws-us-gov, aws-iso*), or null.</summary>
    public static string? OtherPartition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : region.Contains("-iso", StringComparison.Ordinal) ? "aws-iso"
        : null;
}
