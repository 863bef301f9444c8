using Reconciler.Model.Graph;
using Reconciler.Model.Spec;
using Reconciler.Model.Validation;

namespace Reconciler.Model.Loading;

/// <summary>
/// The outcome of loading one file. <see cref="Document"/> is usable only when <see cref="IsValid"/>; after the whole
/// <see cref="SpecPipeline"/> a valid spec also has its <see cref="Graph"/> (graph errors are diagnostics, so a spec
/// whose graph cannot be built is not valid).
/// </summary>
internal sealed record LoadedSpec(string File, EnvironmentDocument? Document, SourceMap Positions, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Document is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

    /// <summary>The desired resources, set by <see cref="SpecPipeline"/> when the spec is valid; null otherwise.</summary>
    public ResourceGraph? Graph { get; init; }
}
